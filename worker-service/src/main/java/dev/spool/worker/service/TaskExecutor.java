package dev.spool.worker.service;

import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskResult;
import dev.spool.support.logging.AttemptLogContext;
import dev.spool.support.tracing.AttemptSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs up to {@code spool.worker.max-parallel} attempts at once, each on its own thread, so that the Kafka
 * consumer hands a task over and goes on polling instead of waiting for the task to end. On shutdown it drains:
 * it takes no more work, lets running attempts finish within the drain grace, and stops the rest, which are
 * reported INTERRUPTED so that the scheduler can run them again.
 */
@ApplicationScoped
public class TaskExecutor {

    private static final Logger LOG = Logger.getLogger(TaskExecutor.class);

    private final WorkerConfig config;
    private final TaskRunner runner;
    private final WorkerEvents events;
    private final AttemptSupervisor supervisor;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger capacity;
    private volatile boolean draining;
    private final KeptMemory keptMemory;
    private final Tracer tracer;

    public TaskExecutor(WorkerConfig config, TaskRunner runner, WorkerEvents events, AttemptSupervisor supervisor, MeterRegistry metrics,
                        KeptMemory keptMemory, Tracer tracer) {
        this.config = config;
        this.tracer = tracer;
        this.keptMemory = keptMemory;
        this.runner = runner;
        this.events = events;
        this.supervisor = supervisor;
        this.slots = new Semaphore(config.maxParallel());
        this.pool = Executors.newFixedThreadPool(config.maxParallel(), Thread.ofPlatform().name("task-", 0).factory());
        metrics.gauge("spool.worker.tasks.running", running);
        // Gauges hold their object weakly: keep it in a field, or the gauge reads NaN after a GC.
        this.capacity = metrics.gauge("spool.worker.capacity", new AtomicInteger(config.maxParallel()));
    }

    /** Attempts seen lately: after a scheduler crash an attempt may be published twice, and it runs once. */
    private final Set<UUID> seen = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    public int running() {
        return running.get();
    }

    public int capacity() {
        return draining ? 0 : config.maxParallel();
    }

    public boolean draining() {
        return draining;
    }

    /** Waits for a free slot, then starts the attempt in the background. */
    public void submit(TaskDispatch task) throws InterruptedException {
        synchronized (seen) {
            if (!seen.add(task.attemptId())) {
                LOG.infof("attempt %s of task %s in run %s was delivered again; it runs once", task.attemptId(), task.taskId(), task.runId());
                return;
            }
        }
        if (draining) {
            events.finished(runner.interrupted(task));
            return;
        }
        slots.acquire();
        if (draining) {
            slots.release();
            events.finished(runner.interrupted(task));
            return;
        }
        KeptMemory.Lease memory;
        try {
            memory = keptMemory.reserve(task);
        } catch (InterruptedException e) {
            slots.release();
            throw e;
        }
        Runnable attempt = () -> {
            running.incrementAndGet();
            // A span of the attempt's trace (the dispatch's, from the record's traceparent), current while it runs, so
            // that the result's record carries it on to the state-service.
            Span span = AttemptSpans.start(tracer, "spool run", SpanKind.INTERNAL, Context.current(), task.runId(), task.taskId(),
                    task.attemptId(), task.attempt());
            try (AttemptLogContext logged = AttemptLogContext.of(task.runId(), task.taskId(), task.attemptId());
                 Scope traced = span.makeCurrent()) {
                TaskResult result = runner.run(memory.task());
                if (result != null) {
                    span.setAttribute("spool.status", result.status().name());
                    events.finished(memory.warning() == null ? result : result.withWarning(memory.warning()));
                }
            } catch (RuntimeException e) {
                span.setStatus(StatusCode.ERROR, e.getMessage());
                String errorId = java.util.UUID.randomUUID().toString();
                LOG.errorf(e, "attempt %s of task %s in run %s failed inside the worker (error id %s)", task.attemptId(), task.taskId(),
                        task.runId(), errorId);
                // Say so rather than stay silent, so the run does not wait for a result that never comes.
                events.finished(runner.workerFailure(task, errorId));
            } finally {
                span.end();
                running.decrementAndGet();
                keptMemory.release(memory);
                slots.release();
            }
        };
        pool.execute(Context.current().wrap(attempt));
    }

    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        draining = true;
        capacity.set(0);
        pool.shutdown();
        long graceMillis = config.drainGrace().toMillis();
        if (running.get() > 0) {
            LOG.infof("draining: %d attempts running, waiting up to %d ms for them to finish", running.get(), graceMillis);
        }
        if (!pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            LOG.warnf("drain grace over: stopping %d running attempts; they are reported INTERRUPTED", supervisor.runningCount());
            supervisor.interruptAll("the worker shut down before the attempt finished");
            if (!pool.awaitTermination(config.killGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                LOG.warn("some attempts did not end after SIGKILL; their results are lost and their leases will expire");
                pool.shutdownNow();
            }
        }
    }
}
