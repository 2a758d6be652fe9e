package dev.spool.worker.service;

import dev.spool.contracts.CapturedOutput;
import dev.spool.contracts.ObjectKeys;
import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.ResourceUsage;
import dev.spool.contracts.StreamName;
import dev.spool.contracts.TaskControl;
import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskResult;
import dev.spool.contracts.TaskStatus;
import dev.spool.contracts.TaskTimeout;
import dev.spool.worker.capture.CaptureResult;
import dev.spool.worker.capture.CombinedBudget;
import dev.spool.worker.capture.Kept;
import dev.spool.worker.capture.OutputKeepers;
import dev.spool.worker.capture.OutputSpool;
import dev.spool.worker.capture.StreamCapture;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import dev.spool.worker.process.ProcessLauncher;
import dev.spool.worker.sandbox.CgroupContainment;
import dev.spool.worker.sandbox.ProcMarkerContainment;
import dev.spool.worker.sandbox.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Runs one attempt as a process group to its end and turns what it printed into a {@link TaskResult}. */
@ApplicationScoped
public class TaskRunner {

    private static final Logger LOG = Logger.getLogger(TaskRunner.class);
    private static final int SIGXCPU_EXIT = 128 + 24;
    private static final String OS_NAME = System.getProperty("os.name");

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final WorkerEvents events;
    private final OutputUploader uploader;
    private final SecretResolver secrets;
    private final ProcessLauncher launcher;
    private final AttemptSupervisor supervisor;
    private final WorkerDirectory workerDirectory;
    private final ContextFetcher contexts;
    private final KeptTextClaims keptTexts;
    private final AttemptTimings timings;
    private final Sandbox sandbox;
    private final ExecutorService captureThreads = Executors.newCachedThreadPool(Thread.ofPlatform().name("capture-", 0).daemon().factory());

    public TaskRunner(WorkerConfig config, WorkerIdentity identity, WorkerDirectory workerDirectory, WorkerEvents events,
                      OutputUploader uploader, ProcessLauncher launcher, AttemptSupervisor supervisor, SecretResolver secrets,
                      ContextFetcher contexts, KeptTextClaims keptTexts, AttemptTimings timings, Sandbox sandbox) {
        this.config = config;
        this.sandbox = sandbox;
        this.timings = timings;
        this.contexts = contexts;
        this.keptTexts = keptTexts;
        this.workerDirectory = workerDirectory;
        this.secrets = secrets;
        this.identity = identity;
        this.events = events;
        this.uploader = uploader;
        this.launcher = launcher;
        this.supervisor = supervisor;
    }

    /** @return the attempt's result, or null when there is nothing to report (the scheduler gave it up already) */
    public TaskResult run(TaskDispatch task) {
        long slotNanos = System.nanoTime();
        TaskControl.Cancel cancelled = supervisor.cancelFor(task.runId(), task.taskId(), task.attemptId());
        if (cancelled != null && cancelled.attemptId() != null) {
            // The scheduler gave up on this very attempt (lost, or not started in time) and has already sent
            // another: a result would only be recorded and ignored. Typically a dispatch delivered again
            // after its first worker died.
            LOG.infof("attempt %s of task %s in run %s was given up by the scheduler before it started here; not run",
                    task.attemptId(), task.taskId(), task.runId());
            return null;
        }
        if (cancelled != null) {
            return notRun(task, TaskStatus.CANCELLED, null, AttemptSupervisor.cancelMessage(cancelled) + " before it started");
        }
        Sandbox.Room room = sandbox.enter(task.attemptId());
        AttemptDirectory directory;
        try {
            directory = new AttemptDirectory(workerDirectory, task.attemptId(), task.runId(), room.user());
        } catch (IOException e) {
            sandbox.leave(room);
            LOG.errorf(e, "attempt %s of task %s could not be prepared", task.attemptId(), task.taskId());
            // The worker's disk, not the task, is at fault: INTERRUPTED lets the scheduler run it again without a try.
            return notRun(task, TaskStatus.INTERRUPTED, null, "the worker could not prepare the attempt: " + e.getMessage());
        }
        if (room.containment() instanceof CgroupContainment cgroup) {
            directory.contained(cgroup.path());
        }
        try {
            return runIn(directory, room, task, slotNanos);
        } finally {
            // Nothing of the attempt may still run, nor write, when its directory is taken back or removed.
            sandbox.leave(room);
            directory.close(task.keepWorkDir());
        }
    }

    private TaskResult runIn(AttemptDirectory directory, Sandbox.Room room, TaskDispatch task, long slotNanos) {
        List<String> argv;
        try {
            argv = ProcessCommand.argv(task.command(), directory.root(), OS_NAME);
            Path script = directory.root().resolve(ProcessCommand.SCRIPT_FILE);
            if (Files.exists(script)) {
                directory.handOver(script);
            }
        } catch (ProcessCommand.NoVariantForPlatform e) {
            return notRun(task, TaskStatus.FAILED, 127, e.getMessage());
        } catch (IOException e) {
            return notRun(task, TaskStatus.INTERRUPTED, null, "the worker could not write the task's script: " + e.getMessage());
        }
        Map<String, String> env;
        Map<String, String> secretValues;
        try {
            env = secrets.open(task.env(), task.secretEnv());
            secretValues = secrets.resolve(task.secretRefs());
        } catch (SecretResolver.MissingSecret e) {
            return notRun(task, TaskStatus.FAILED, 126, e.getMessage());
        }
        String unpassable = unpassableVariable(env, secretValues);
        if (unpassable != null) {
            return notRun(task, TaskStatus.FAILED, 126, unpassable);
        }
        ProcessBuilder builder = new ProcessBuilder()
                .directory(directory.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        declareEnvironment(builder.environment(), env, task.runId().toString(), task.taskId(), task.attempt(), task.attemptId().toString(),
                directory.workingDirectory().toString());
        List<String> warnings = new ArrayList<>();
        provideContext(task, directory, builder, warnings);
        Path resultFile;
        try {
            resultFile = directory.taskWritable(TaskFiles.resultFile(directory.root()));
        } catch (IOException e) {
            return notRun(task, TaskStatus.INTERRUPTED, null, "the worker could not prepare the task's result file: " + e.getMessage());
        }
        builder.environment().put(TaskFiles.RESULT_FILE, resultFile.toString());
        builder.environment().putAll(secretValues);
        LaunchFailure unrunnable = LaunchFailure.check(argv.getFirst(), builder.environment().get("PATH"), directory.workingDirectory());
        if (unrunnable != null) {
            return notRun(task, TaskStatus.FAILED, unrunnable.exitCode(), unrunnable.message());
        }
        Path usageFile = directory.root().resolve("usage");
        builder.command(sandbox.argv(room, argv, wrapped -> launcher.wrap(wrapped, task.resources(), usageFile)));

        long inputBytes = task.timeout() instanceof TaskTimeout.Adaptive adaptive && adaptive.sizePath() != null
                ? sizeOf(directory.workingDirectory().resolve(adaptive.sizePath())) : 0;
        StreamCapture stdout;
        StreamCapture stderr;
        try {
            stdout = newCapture(StreamName.STDOUT, task, directory, env, secretValues.values());
        } catch (IOException e) {
            return notRun(task, TaskStatus.INTERRUPTED, null, "the worker could not create the attempt's spool files: " + e.getMessage());
        }
        try {
            stderr = newCapture(StreamName.STDERR, task, directory, env, secretValues.values());
        } catch (IOException e) {
            stdout.abandon();
            return notRun(task, TaskStatus.INTERRUPTED, null, "the worker could not create the attempt's spool files: " + e.getMessage());
        }

        Instant startedAt = Instant.now();
        long startNanos = System.nanoTime();
        timings.prepared(slotNanos, startNanos);
        Process process;
        try {
            process = builder.start();
            timings.launched(startNanos, System.nanoTime());
            timings.started(task.dispatchedAt(), startedAt);
        } catch (IOException e) {
            stdout.abandon();
            stderr.abandon();
            LaunchFailure failure = LaunchFailure.of(argv.getFirst(), e);
            return notRun(task, TaskStatus.FAILED, failure.exitCode(), failure.message());
        }
        if (launcher.groupsProcesses()) {
            directory.started(process.pid());
        }
        CompletableFuture<CaptureResult> stdoutDone = capture(stdout, process.getInputStream());
        CompletableFuture<CaptureResult> stderrDone = capture(stderr, process.getErrorStream());
        RunningAttempt attempt = new RunningAttempt(task, process, room, startedAt, startNanos, stdout, stderr,
                AttemptDeadline.of(task.timeout(), inputBytes));
        // Registered before it is said to run: a follower who sees RUNNING and asks at once finds its live stream here.
        supervisor.register(attempt);
        events.started(task, identity.id(), startedAt);
        try {
            int exitCode = waitFor(process);
            long exitNanos = System.nanoTime();
            CaptureResult out = awaitCapture(stdoutDone, attempt);
            CaptureResult err = awaitCapture(stderrDone, attempt);
            // What the task left running without its output pipes (a daemon, a double fork) is stopped too.
            supervisor.killLeftovers(attempt);
            long wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
            TaskFiles.Result result = TaskFiles.readResult(resultFile);
            if (result.warning() != null) {
                warnings.add(result.warning());
            }
            TaskResult finished = finished(attempt, exitCode, out, err, wallMillis, usageFile, result.json(), warnings);
            timings.wrappedUp(exitNanos, System.nanoTime());
            timings.ran(finished.status(), startNanos, exitNanos, finished.usage());
            return finished;
        } finally {
            supervisor.unregister(attempt);
        }
    }

    private StreamCapture newCapture(StreamName stream, TaskDispatch task, AttemptDirectory directory, Map<String, String> env,
                                     Collection<String> resolvedSecrets) throws IOException {
        OutputLimits limits = task.limits();
        OutputSpool spool = new OutputSpool(directory.root().resolve(stream.wireName() + (limits.compressExternal() ? ".gz" : ".log")),
                limits.compressExternal(), config.gzipLevel(), config.spoolMaxBytes().asLongValue());
        List<String> secrets = new ArrayList<>(task.secretEnv().stream().map(env::get).filter(Objects::nonNull).toList());
        secrets.addAll(resolvedSecrets);
        return new StreamCapture(stream,
                OutputKeepers.of(limits.truncationStrategy(), limits.maxBytes(stream), limits.maxLines(), limits.summaryPatterns()),
                spool, secrets);
    }

    /**
     * Output pipes end when every process holding them has. When the main process has ended but its pipes have not,
     * something it started still holds them: that is stopped, so that a finished task leaves nothing running.
     */
    private CaptureResult awaitCapture(CompletableFuture<CaptureResult> capture, RunningAttempt attempt) {
        try {
            return capture.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A stopped attempt gets its whole grace: its main process (GNU time, when used) may end at SIGTERM
            // while the task ignores it. The SIGKILL scheduled by the supervisor ends what is left.
            if (attempt.stopReason() == null) {
                supervisor.killLeftovers(attempt);
            }
            return join(capture);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the task's output", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the task's output failed", e.getCause());
        }
    }

    /**
     * Writes the task's context to its file before it starts, and on its stdin when asked. A state-service that cannot
     * be reached does not fail the task: the file says why it is empty, and so does a warning on the attempt.
     */
    private void provideContext(TaskDispatch task, AttemptDirectory directory, ProcessBuilder builder, List<String> warnings) {
        if (task.context() == null) {
            return;
        }
        var request = task.context().forAttempt(task.runId(), task.attempt());
        Path file = TaskFiles.contextFile(directory.root(), request);
        try {
            try {
                TaskFiles.writeContext(file, contexts.fetch(request));
            } catch (RuntimeException e) {
                String reason = dev.spool.support.Failures.describe(e);
                LOG.warnf("the context of attempt %s of task %s could not be fetched: %s", task.attemptId(), task.taskId(), reason);
                warnings.add("its context could not be fetched (" + reason + "), so " + TaskFiles.CONTEXT_FILE + " holds only that note");
                TaskFiles.writeUnavailable(file, request, reason);
            }
            directory.handOver(file);
        } catch (java.io.IOException e) {
            warnings.add("its context could not be written to the worker's disk (" + e.getMessage() + ")");
            return;
        }
        builder.environment().put(TaskFiles.CONTEXT_FILE, file.toString());
        if (request.stdin()) {
            builder.redirectInput(file.toFile());
        }
    }

    private TaskResult finished(RunningAttempt attempt, int exitCode, CaptureResult out, CaptureResult err,
                                long wallMillis, Path usageFile, String resultJson, List<String> warnings) {
        TaskDispatch task = attempt.task;
        RunningAttempt.Stop stop = attempt.stopReason();
        String exceeded = attempt.exceeded();
        TaskStatus status;
        String error = null;
        if (stop != null) {
            status = stop.status();
            error = stop.message();
        } else if (exitCode == SIGXCPU_EXIT && task.resources().maxCpuSeconds() != null) {
            status = TaskStatus.RESOURCE_EXCEEDED;
            exceeded = "max_cpu_seconds";
            error = "the kernel stopped it at max_cpu_seconds " + task.resources().maxCpuSeconds();
        } else {
            status = task.successExitCodes().contains(exitCode) ? TaskStatus.SUCCEEDED : TaskStatus.FAILED;
        }
        ResourceUsage usage = usage(attempt, wallMillis, usageFile, exceeded);
        CapturedOutput[] outputs = keep(task, out, err);
        return new TaskResult(task.runId(), task.taskId(), task.attemptId(), task.attempt(), identity.id(), status, exitCode,
                error, attempt.startedAt, Instant.now(), outputs[0], outputs[1], usage, resultJson, warnings, task.agent(), task.tenant());
    }

    private ResourceUsage usage(RunningAttempt attempt, long wallMillis, Path usageFile, String exceeded) {
        ResourceUsage sampled = attempt.meter.usage(wallMillis, launcher.enforcement(attempt.task.resources()), exceeded);
        ProcessLauncher.TimeReport exact = ProcessLauncher.readTimeReport(usageFile);
        ResourceUsage measured = exact == null ? sampled : new ResourceUsage(wallMillis,
                Math.max(exact.userMillis(), sampled.userCpuMillis()),
                Math.max(exact.systemMillis(), sampled.systemCpuMillis()),
                Math.max(exact.maxRssBytes(), sampled.peakRssBytes()),
                sampled.bytesRead(), sampled.enforcedBy(), sampled.exceeded());
        Sandbox.Room room = attempt.room;
        return measured.contained(room.containment().method(), room.user().own() ? room.user().uid() : null, attempt.leftoversKilled());
    }

    /** Both streams' kept text, within their own budgets and, together, within {@code max_combined_bytes}. */
    private CapturedOutput[] keep(TaskDispatch task, CaptureResult out, CaptureResult err) {
        OutputLimits limits = task.limits();
        int outBudget = (int) limits.maxStdoutBytes();
        int errBudget = (int) limits.maxStderrBytes();
        Kept keptOut = out.kept(outBudget);
        Kept keptErr = err.kept(errBudget);
        long[] shares = CombinedBudget.split(limits.maxCombinedBytes(), keptOut.keptBytes(), keptErr.keptBytes());
        if (shares[0] < keptOut.keptBytes()) {
            keptOut = out.kept((int) shares[0]);
        }
        if (shares[1] < keptErr.keptBytes()) {
            keptErr = err.kept((int) shares[1]);
        }
        return new CapturedOutput[]{stored(task, out, keptOut), stored(task, err, keptErr)};
    }

    /** The kept text of a stream, with its full copy sent to object storage when it passed the threshold. */
    private CapturedOutput stored(TaskDispatch task, CaptureResult captured, Kept kept) {
        CapturedOutput.StoredObject stored = null;
        String storageError = null;
        OutputSpool spool = captured.spool();
        if (captured.totals().bytes() > task.limits().externalStorageThreshold() && spool.failure() != null) {
            storageError = spool.failure() + ", so the full output was not kept; the kept text is all there is";
        } else if (captured.totals().bytes() > task.limits().externalStorageThreshold()) {
            String key = ObjectKeys.fullOutput(task.runId(), task.taskId(), task.attemptId(), workerDirectory.incarnation(),
                    captured.stream(), spool.compressed());
            try {
                var response = uploader.upload(key, spool);
                stored = new CapturedOutput.StoredObject(response.key(), response.sizeBytes(), spool.storedBytes(), spool.sha256(),
                        spool.compressed(), spool.clipped());
            } catch (RuntimeException e) {
                LOG.warnf(e, "full %s of attempt %s could not be stored", captured.stream().wireName(), task.attemptId());
                storageError = "the full output could not be stored, after retries: " + e.getMessage();
            }
        }
        CapturedOutput output = new CapturedOutput(captured.stream(), kept.text(), captured.totals().bytes(), captured.totals().lines(),
                kept.keptBytes(), kept.truncated(), task.limits().truncationStrategy(), kept.binary(),
                stored, storageError != null, storageError);
        return keptTexts.claimChecked(task, output, workerDirectory.incarnation(), spool.file().getParent());
    }

    /**
     * Why a variable cannot reach a process (a NUL, or an '=' in its name), naming the variable but never its value,
     * which may be a secret; null when every one can.
     */
    static String unpassableVariable(Map<String, String> env, Map<String, String> secrets) {
        for (Map<String, String> variables : List.of(env, secrets)) {
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                String name = variable.getKey();
                if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                    return "an environment variable name cannot be passed to a process: it is empty or holds '=' or NUL";
                }
                if (variable.getValue() == null || variable.getValue().indexOf('\0') >= 0) {
                    return "environment variable " + name + " cannot be passed to a process: its value holds a NUL character";
                }
            }
        }
        return null;
    }

    /** A clean environment: only what the task declares, plus what every program expects to find, and Spool's own last. */
    static void declareEnvironment(Map<String, String> env, Map<String, String> declared, String runId, String taskId, int attempt,
                                   String attemptId, String workingDirectory) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", workingDirectory);
        env.put("TMPDIR", workingDirectory);
        env.put("LANG", "C.UTF-8");
        // The scheduler's own SPOOL_* (SPOOL_ITERATION, SPOOL_DEFAULT_OUTPUT_*) come with what the task declares; a
        // workflow's are refused at submission. The attempt's marker goes last whatever came: it is how the leftover
        // reaper finds the attempt's processes, and no task may take another's.
        env.putAll(declared);
        env.put("SPOOL_RUN_ID", runId);
        env.put("SPOOL_TASK_ID", taskId);
        env.put("SPOOL_ATTEMPT", Integer.toString(attempt));
        env.put(ProcMarkerContainment.MARKER, attemptId);
    }

    private CompletableFuture<CaptureResult> capture(StreamCapture capture, InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return capture.capture(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, captureThreads);
    }

    /** The result of an attempt that the worker itself could not carry through. */
    public TaskResult workerFailure(TaskDispatch task, String errorId) {
        return notRun(task, TaskStatus.FAILED, 125, "the worker failed while running the task (error id " + errorId + " in the log of worker "
                + identity.id() + ")");
    }

    /** The result of an attempt that the worker did not start, because it is shutting down. */
    public TaskResult interrupted(TaskDispatch task) {
        return notRun(task, TaskStatus.INTERRUPTED, null, "the worker was shutting down and did not start it");
    }

    private TaskResult notRun(TaskDispatch task, TaskStatus status, Integer exitCode, String error) {
        Instant now = Instant.now();
        return new TaskResult(task.runId(), task.taskId(), task.attemptId(), task.attempt(), identity.id(), status,
                exitCode, error, now, now,
                CapturedOutput.empty(StreamName.STDOUT, task.limits().truncationStrategy()),
                CapturedOutput.empty(StreamName.STDERR, task.limits().truncationStrategy()), ResourceUsage.NONE, null, List.of(), task.agent(), task.tenant());
    }

    private static long sizeOf(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
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
