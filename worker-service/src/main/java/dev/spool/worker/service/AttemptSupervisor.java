package dev.spool.worker.service;

import dev.spool.contracts.ResourceLimits;
import dev.spool.contracts.TaskControl;
import dev.spool.contracts.TaskStatus;
import dev.spool.worker.config.WorkerConfig;
import dev.spool.worker.messaging.WorkerEvents;
import dev.spool.worker.process.ProcSample;
import dev.spool.worker.process.ProcTable;
import dev.spool.worker.process.ProcessLauncher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Watches every running attempt from one thread: each tick it reads the process table once, measures each
 * attempt's tree, holds its resource limits and its deadline, and publishes its heartbeat when one is due.
 * Stopping an attempt sends SIGTERM to its process group and SIGKILL after the grace.
 */
@ApplicationScoped
public class AttemptSupervisor {

    private static final Logger LOG = Logger.getLogger(AttemptSupervisor.class);
    private static final int REMEMBERED_RUNS = 10_000;

    private final WorkerConfig config;
    private final ProcessLauncher launcher;
    private final WorkerEvents events;
    private final WorkerIdentity identity;
    private final ProcTable procTable = new ProcTable();
    private final Map<UUID, RunningAttempt> running = new ConcurrentHashMap<>();
    /** Recent cancels by run, so that every attempt start looks up its own run only. */
    private final Map<UUID, List<TaskControl.Cancel>> recentCancels = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, List<TaskControl.Cancel>> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    });
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("attempt-supervisor").daemon().factory());

    public AttemptSupervisor(WorkerConfig config, ProcessLauncher launcher, WorkerEvents events, WorkerIdentity identity) {
        this.config = config;
        this.launcher = launcher;
        this.events = events;
        this.identity = identity;
        long tick = config.sampleInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    void register(RunningAttempt attempt) {
        running.put(attempt.task.attemptId(), attempt);
        TaskControl.Cancel cancelled = cancelFor(attempt);
        if (cancelled != null) {
            stop(attempt, new RunningAttempt.Stop(TaskStatus.CANCELLED, cancelMessage(cancelled)));
        }
    }

    void unregister(RunningAttempt attempt) {
        running.remove(attempt.task.attemptId());
    }

    /** The cancel that covers an attempt which has not started yet, or null. */
    TaskControl.Cancel cancelFor(RunningAttempt attempt) {
        return cancelFor(attempt.task.runId(), attempt.task.taskId(), attempt.task.attemptId());
    }

    TaskControl.Cancel cancelFor(UUID runId, String taskId, UUID attemptId) {
        synchronized (recentCancels) {
            return recentCancels.getOrDefault(runId, List.of()).stream()
                    .filter(c -> c.covers(runId, taskId, attemptId)).findFirst().orElse(null);
        }
    }

    static String cancelMessage(TaskControl.Cancel cancel) {
        return "cancelled" + (cancel.reason() == null || cancel.reason().isBlank() ? "" : ": " + cancel.reason());
    }

    public void cancel(TaskControl.Cancel cancel) {
        synchronized (recentCancels) {
            recentCancels.computeIfAbsent(cancel.runId(), run -> new java.util.ArrayList<>()).add(cancel);
        }
        for (RunningAttempt attempt : running.values()) {
            if (cancel.covers(attempt.task.runId(), attempt.task.taskId(), attempt.task.attemptId())) {
                LOG.infof("cancelling attempt %s of task %s in run %s", attempt.task.attemptId(), attempt.task.taskId(), attempt.task.runId());
                stop(attempt, new RunningAttempt.Stop(TaskStatus.CANCELLED, cancelMessage(cancel)));
            }
        }
    }

    /** Stops every running attempt, as when the worker shuts down; their results say INTERRUPTED. */
    void interruptAll(String why) {
        running.values().forEach(attempt -> stop(attempt, new RunningAttempt.Stop(TaskStatus.INTERRUPTED, why)));
    }

    /** The live stream of an attempt running here, or null when it is not (not started, ended, or on another worker). */
    public dev.spool.worker.capture.LiveFeed liveFeed(UUID attemptId, dev.spool.contracts.StreamName stream) {
        RunningAttempt attempt = running.get(attemptId);
        if (attempt == null) {
            return null;
        }
        return (stream == dev.spool.contracts.StreamName.STDOUT ? attempt.stdout : attempt.stderr).live();
    }

    int runningCount() {
        return running.size();
    }

    /** SIGTERM to the attempt's process group now, SIGKILL after the grace unless it has ended. */
    void stop(RunningAttempt attempt, RunningAttempt.Stop reason) {
        if (!attempt.requestStop(reason)) {
            return;
        }
        launcher.signal(attempt.process, "TERM");
        Duration grace = config.killGrace();
        ticker.schedule(() -> {
            if (attempt.process.isAlive() || running.containsKey(attempt.task.attemptId())) {
                launcher.signal(attempt.process, "KILL");
                attempt.stopLeftovers();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What the attempt's main process left behind is stopped too, in its group and out of it (setsid, a double fork):
     * a finished task leaves nothing running.
     */
    void killLeftovers(RunningAttempt attempt) {
        if (launcher.groupsProcesses()) {
            launcher.signal(attempt.process, "KILL");
        }
        attempt.stopLeftovers();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("supervising running attempts failed this tick", e);
        }
    }

    private void tick() {
        if (running.isEmpty()) {
            return;
        }
        Set<Long> groups = running.values().stream().map(a -> a.process.pid()).collect(Collectors.toSet());
        // A process that left its group (setsid) still counts against its attempt's limits where its cgroup shows it.
        Map<Long, Long> strays = new java.util.HashMap<>();
        running.values().forEach(a -> a.room.containment().members().forEach(pid -> strays.put(pid, a.process.pid())));
        Map<Long, List<ProcSample>> trees = procTable.sample(groups, strays);
        long now = System.nanoTime();
        for (RunningAttempt attempt : running.values()) {
            attempt.meter.update(trees.getOrDefault(attempt.process.pid(), List.of()));
            if (attempt.stopReason() != null) {
                continue;
            }
            holdLimits(attempt);
            holdDeadline(attempt, now);
            if (now - attempt.lastHeartbeatNanos >= config.heartbeatInterval().toNanos()) {
                attempt.lastHeartbeatNanos = now;
                events.heartbeat(attempt.task, identity.id(), attempt.stdout, attempt.stderr, attempt.meter);
            }
        }
    }

    private void holdLimits(RunningAttempt attempt) {
        ResourceLimits limits = attempt.task.resources();
        String over = null;
        String detail = null;
        if (limits.maxMemoryMb() != null && attempt.meter.rssBytes() > limits.maxMemoryMb() * 1024 * 1024) {
            over = "max_memory_mb";
            detail = String.format("its processes used %d MB of memory, over max_memory_mb %d",
                    attempt.meter.rssBytes() / (1024 * 1024), limits.maxMemoryMb());
        } else if (limits.maxCpuSeconds() != null && attempt.meter.cpuMillis() > limits.maxCpuSeconds() * 1000) {
            over = "max_cpu_seconds";
            detail = String.format("its processes used %.1f s of CPU, over max_cpu_seconds %d",
                    attempt.meter.cpuMillis() / 1000.0, limits.maxCpuSeconds());
        } else if (limits.maxProcesses() != null && attempt.meter.processes() - launcher.wrapperProcesses() > limits.maxProcesses()) {
            over = "max_processes";
            detail = String.format("it ran %d processes at once, over max_processes %d",
                    attempt.meter.processes() - launcher.wrapperProcesses(), limits.maxProcesses());
        }
        if (over == null) {
            return;
        }
        attempt.exceeded(over);
        if (limits.killOnExceed()) {
            LOG.infof("stopping attempt %s of task %s: %s", attempt.task.attemptId(), attempt.task.taskId(), detail);
            stop(attempt, new RunningAttempt.Stop(TaskStatus.RESOURCE_EXCEEDED, detail));
        }
    }

    private void holdDeadline(RunningAttempt attempt, long now) {
        long elapsed = attempt.elapsedMillis(now);
        boolean progressed = attempt.madeProgress();
        if (attempt.deadline.expiredAt(elapsed, progressed)) {
            String message = String.format("timed out after %s (SIGTERM to its process group, SIGKILL %s later if still running)",
                    human(attempt.deadline.deadlineMillis()), human(config.killGrace().toMillis()));
            stop(attempt, new RunningAttempt.Stop(TaskStatus.TIMED_OUT, message));
            return;
        }
        if (attempt.deadline.warnAt(elapsed)) {
            Instant deadline = attempt.startedAt.plusMillis(attempt.deadline.deadlineMillis());
            events.timeoutWarning(attempt.task, identity.id(), elapsed, attempt.deadline.deadlineMillis(), deadline);
        }
    }

    static String human(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : String.format("%.1fs", millis / 1000.0);
    }

    @PreDestroy
    void close() {
        ticker.shutdownNow();
    }
}
