package dev.spool.worker.service;

import dev.spool.contracts.TaskDispatch;
import dev.spool.contracts.TaskStatus;
import dev.spool.worker.capture.StreamCapture;
import dev.spool.worker.process.UsageMeter;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** An attempt whose process is running: what the supervisor watches, and why it was stopped, if it was. */
final class RunningAttempt {

    final TaskDispatch task;
    final Process process;
    final dev.spool.worker.sandbox.Sandbox.Room room;
    private final java.util.concurrent.atomic.AtomicInteger leftoversKilled = new java.util.concurrent.atomic.AtomicInteger();
    final Instant startedAt;
    final long startNanos;
    final StreamCapture stdout;
    final StreamCapture stderr;
    final AttemptDeadline deadline;
    final UsageMeter meter = new UsageMeter();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private volatile String exceeded;
    private long progressMark = -1;
    long lastHeartbeatNanos;

    RunningAttempt(TaskDispatch task, Process process, dev.spool.worker.sandbox.Sandbox.Room room, Instant startedAt, long startNanos,
                   StreamCapture stdout, StreamCapture stderr, AttemptDeadline deadline) {
        this.task = task;
        this.process = process;
        this.room = room;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.lastHeartbeatNanos = startNanos;
        this.stdout = stdout;
        this.stderr = stderr;
        this.deadline = deadline;
    }

    long elapsedMillis(long nowNanos) {
        return (nowNanos - startNanos) / 1_000_000;
    }

    /** Whether it printed or used CPU since the last time this was asked. */
    boolean madeProgress() {
        long mark = stdout.bytesSoFar() + stderr.bytesSoFar() + meter.cpuMillis();
        boolean progressed = mark != progressMark;
        progressMark = mark;
        return progressed;
    }

    /** The first reason to stop wins; a later one changes nothing. */
    boolean requestStop(Stop reason) {
        return stop.compareAndSet(null, reason);
    }

    Stop stopReason() {
        return stop.get();
    }

    void exceeded(String limit) {
        if (exceeded == null) {
            exceeded = limit;
        }
    }

    String exceeded() {
        return exceeded;
    }

    /** Why the worker stopped an attempt, and the status that it ends with. */
    record Stop(TaskStatus status, String message) {
    }

    /** Stops every process of the attempt that is still running, and counts them. */
    void stopLeftovers() {
        leftoversKilled.addAndGet(room.containment().stopAll());
    }

    int leftoversKilled() {
        return leftoversKilled.get();
    }
}
