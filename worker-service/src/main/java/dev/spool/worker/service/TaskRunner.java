package dev.spool.worker.service;

import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.ObjectKeys;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskResult;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TruncationStrategy;
import dev.spool.worker.capture.CaptureResult;
import dev.spool.worker.capture.StreamCapture;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs one attempt as a process to its end and turns what it printed into a {@link TaskResult}. */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final WorkerEvents events;
    private final OutputUploader uploader;
    private final ExecutorService captureThreads = Executors.newCachedThreadPool(Thread.ofPlatform().name("capture-", 0).daemon().factory());

    public TaskRunner(WorkerConfig config, WorkerIdentity identity, WorkerEvents events, OutputUploader uploader) {
        this.config = config;
        this.identity = identity;
        this.events = events;
        this.uploader = uploader;
    }

    public TaskResult run(TaskDispatch task) {
        try (AttemptDirectory directory = new AttemptDirectory(config.workDir(), task.attemptId())) {
            return runIn(directory, task);
        } catch (IOException e) {
            LOG.errorf(e, "attempt %s of task %s could not be prepared", task.attemptId(), task.taskId());
            Instant now = Instant.now();
            return failedToStart(task, now, new LaunchFailure(126, "the worker could not prepare the attempt: " + e.getMessage()));
        }
    }

    private TaskResult runIn(AttemptDirectory directory, TaskDispatch task) throws IOException {
        List<String> argv = ProcessCommand.argv(task.command(), directory.root());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(directory.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        declareEnvironment(builder.environment(), task, directory);

        Instant startedAt = Instant.now();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failedToStart(task, startedAt, LaunchFailure.of(argv.getFirst(), e));
        }
        events.started(task, identity.id(), startedAt);

        CompletableFuture<CaptureResult> stdout = capture(StreamName.STDOUT, process.getInputStream(), task, directory);
        CompletableFuture<CaptureResult> stderr = capture(StreamName.STDERR, process.getErrorStream(), task, directory);
        int exitCode = waitFor(process);
        CapturedOutput keptStdout = keep(task, join(stdout));
        CapturedOutput keptStderr = keep(task, join(stderr));
        TaskStatus status = exitCode == 0 ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
        return new TaskResult(task.runId(), task.taskId(), task.attemptId(), task.attempt(), identity.id(), status, exitCode,
                null, startedAt, Instant.now(), keptStdout, keptStderr);
    }

    /** A clean environment: only what the task declares, plus what every program expects to find. */
    private static void declareEnvironment(Map<String, String> env, TaskDispatch task, AttemptDirectory directory) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", directory.workingDirectory().toString());
        env.put("TMPDIR", directory.workingDirectory().toString());
        env.put("LANG", "C.UTF-8");
        env.put("SPOOL_RUN_ID", task.runId().toString());
        env.put("SPOOL_TASK_ID", task.taskId());
        env.put("SPOOL_ATTEMPT", Integer.toString(task.attempt()));
        env.putAll(task.env());
    }

    private CompletableFuture<CaptureResult> capture(StreamName stream, InputStream in, TaskDispatch task, AttemptDirectory directory) {
        StreamCapture capture = new StreamCapture(stream, task.limits().maxBytes(stream),
                directory.root().resolve(stream.wireName() + ".gz"), config.gzipLevel());
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return capture.capture(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, captureThreads);
    }

    /** The kept text of a stream, with its full copy sent to object storage when it passed the threshold. */
    private CapturedOutput keep(TaskDispatch task, CaptureResult captured) {
        CapturedOutput.StoredObject stored = null;
        String storageError = null;
        if (captured.originalBytes() > task.limits().externalStorageThreshold()) {
            String key = ObjectKeys.fullOutput(task.runId(), task.taskId(), task.attemptId(), captured.stream());
            try {
                var response = uploader.upload(key, captured.spoolFile());
                stored = new CapturedOutput.StoredObject(response.key(), response.sizeBytes());
            } catch (RuntimeException e) {
                LOG.warnf(e, "full %s of attempt %s could not be stored", captured.stream().wireName(), task.attemptId());
                storageError = "the full output could not be stored: " + e.getMessage();
            }
        }
        return new CapturedOutput(captured.stream(), captured.text(), captured.originalBytes(), captured.originalLines(),
                captured.keptBytes(), captured.truncated(), captured.strategy(), stored, storageError);
    }

    /** The result of an attempt that the worker itself could not carry through. */
    public TaskResult workerFailure(TaskDispatch task, Exception cause) {
        return failedToStart(task, Instant.now(), new LaunchFailure(125, "the worker failed while running the task: " + cause));
    }

    private TaskResult failedToStart(TaskDispatch task, Instant at, LaunchFailure failure) {
        return new TaskResult(task.runId(), task.taskId(), task.attemptId(), task.attempt(), identity.id(), TaskStatus.FAILED,
                failure.exitCode(), failure.message(), at, Instant.now(),
                emptyOutput(StreamName.STDOUT, task), emptyOutput(StreamName.STDERR, task));
    }

    private static CapturedOutput emptyOutput(StreamName stream, TaskDispatch task) {
        TruncationStrategy strategy = task.limits().truncationStrategy();
        return new CapturedOutput(stream, "", 0, 0, 0, false, strategy, null, null);
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the task ran", e);
        }
    }

    private static CaptureResult join(CompletableFuture<CaptureResult> capture) {
        try {
            return capture.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the task's output", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the task's output failed", e.getCause());
        }
    }
}
