package dev.spool.worker.service;

import dev.spool.contracts.TaskDispatch;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code spool.worker.max-parallel} attempts at once, each on its own thread, so that the Kafka
 * consumer hands a task over and goes on polling instead of waiting for the task to end.
 */
@ApplicationScoped
public class TaskExecutor {

    private static final Logger LOG = Logger.getLogger(TaskExecutor.class);

    private final TaskRunner runner;
    private final WorkerEvents events;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger capacity;

    public TaskExecutor(WorkerConfig config, TaskRunner runner, WorkerEvents events, MeterRegistry metrics) {
        this.runner = runner;
        this.events = events;
        this.slots = new Semaphore(config.maxParallel());
        this.pool = Executors.newFixedThreadPool(config.maxParallel(), Thread.ofPlatform().name("task-", 0).factory());
        metrics.gauge("spool.worker.tasks.running", running);
        // Gauges hold their object weakly: keep it in a field, or the gauge reads NaN after a GC.
        this.capacity = metrics.gauge("spool.worker.capacity", new AtomicInteger(config.maxParallel()));
    }

    /** Waits for a free slot, then starts the attempt in the background. */
    public void submit(TaskDispatch task) throws InterruptedException {
        slots.acquire();
        Runnable attempt = () -> {
            running.incrementAndGet();
            try {
                events.finished(runner.run(task));
            } catch (RuntimeException e) {
                LOG.errorf(e, "attempt %s of task %s in run %s failed inside the worker", task.attemptId(), task.taskId(), task.runId());
                // Say so rather than stay silent, so the run does not wait for a result that never comes.
                events.finished(runner.workerFailure(task, e));
            } finally {
                running.decrementAndGet();
                slots.release();
            }
        };
        pool.execute(Context.current().wrap(attempt));
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warnf("%d attempts were still running at shutdown", running.get());
            pool.shutdownNow();
        }
    }
}
