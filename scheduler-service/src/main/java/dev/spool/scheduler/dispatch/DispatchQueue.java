package dev.spool.scheduler.dispatch;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The tasks that wait for a dispatch slot and the attempts in flight. It picks what goes next: highest priority
 * first, first come first served within a priority, and only within the global, per-run and per-group limits
 * and the groups' rate limits. Not thread-safe: the dispatcher's single thread owns it.
 */
public final class DispatchQueue {

    /** What an attempt in flight counts against. */
    public record InFlight(UUID runId, String concurrencyKey) {
    }

    private static final Comparator<ReadyTask> ORDER = Comparator.comparingInt(ReadyTask::priority).reversed()
            .thenComparing(ReadyTask::readyAt)
            .thenComparing(ReadyTask::runId)
            .thenComparingInt(ReadyTask::position);

    private final InstantSource clock;
    private final TreeSet<ReadyTask> waiting = new TreeSet<>(ORDER);
    private final Map<UUID, ReadyTask> byTask = new HashMap<>();
    private final Map<UUID, InFlight> inFlight = new HashMap<>();
    private final Map<UUID, Integer> perRun = new HashMap<>();
    private final Map<String, Integer> perKey = new HashMap<>();
    private final Map<UUID, Integer> runLimits = new HashMap<>();
    private final Set<UUID> paused = new HashSet<>();
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private int defaultRunLimit;

    public DispatchQueue(InstantSource clock) {
        this.clock = clock;
    }

    /** Adds a ready task, or replaces the entry of the same task. */
    public void offer(ReadyTask task) {
        ReadyTask previous = byTask.put(task.taskRowId(), task);
        if (previous != null) {
            waiting.remove(previous);
        }
        waiting.add(task);
    }

    public void remove(UUID taskRowId) {
        ReadyTask previous = byTask.remove(taskRowId);
        if (previous != null) {
            waiting.remove(previous);
        }
    }

    public boolean contains(UUID taskRowId) {
        return byTask.containsKey(taskRowId);
    }

    public int waiting() {
        return waiting.size();
    }

    public int inFlight() {
        return inFlight.size();
    }

    public void clear() {
        waiting.clear();
        byTask.clear();
        replaceInFlight(Map.of());
        paused.clear();
        runLimits.clear();
    }

    public void setRunLimit(UUID runId, Integer maxParallel) {
        if (maxParallel == null) {
            runLimits.remove(runId);
        } else {
            runLimits.put(runId, maxParallel);
        }
    }

    /** @param limit in flight per run when the workflow sets no {@code max_parallel}; 0 for none */
    public void setDefaultRunLimit(int limit) {
        this.defaultRunLimit = limit;
    }

    public void setPaused(UUID runId, boolean isPaused) {
        if (isPaused) {
            paused.add(runId);
        } else {
            paused.remove(runId);
        }
    }

    public void replacePaused(Set<UUID> runs) {
        paused.clear();
        paused.addAll(runs);
    }

    /** An attempt went out (or is about to): it counts against its run and group until it ends. */
    public void dispatched(UUID attemptId, InFlight what) {
        if (inFlight.put(attemptId, what) == null) {
            perRun.merge(what.runId(), 1, Integer::sum);
            if (what.concurrencyKey() != null) {
                perKey.merge(what.concurrencyKey(), 1, Integer::sum);
            }
        }
    }

    /** An attempt ended; ending one twice, or one never seen, changes nothing. */
    public void ended(UUID attemptId) {
        InFlight what = inFlight.remove(attemptId);
        if (what != null) {
            perRun.computeIfPresent(what.runId(), (run, count) -> count > 1 ? count - 1 : null);
            if (what.concurrencyKey() != null) {
                perKey.computeIfPresent(what.concurrencyKey(), (key, count) -> count > 1 ? count - 1 : null);
            }
        }
    }

    /** The attempts in flight as the database has them, replacing what was counted here. */
    public void replaceInFlight(Map<UUID, InFlight> attempts) {
        inFlight.clear();
        perRun.clear();
        perKey.clear();
        attempts.forEach(this::dispatched);
    }

    /**
     * Takes the tasks to dispatch now, at most {@code max}, within {@code globalLimit} attempts in flight. Each
     * taken task counts as in flight under its task row id until {@link #confirm} or {@link #ended} replaces it.
     */
    public List<ReadyTask> take(int globalLimit, int max) {
        Instant now = clock.instant();
        List<ReadyTask> taken = new ArrayList<>();
        Set<UUID> fullRuns = new HashSet<>();
        Set<String> fullKeys = new HashSet<>();
        var iterator = waiting.iterator();
        while (iterator.hasNext() && taken.size() < max && inFlight.size() < globalLimit) {
            ReadyTask task = iterator.next();
            if (task.notBefore() != null && task.notBefore().isAfter(now)) {
                continue;
            }
            if (paused.contains(task.runId()) || fullRuns.contains(task.runId())) {
                continue;
            }
            int runLimit = runLimits.getOrDefault(task.runId(), defaultRunLimit);
            if (runLimit > 0 && perRun.getOrDefault(task.runId(), 0) >= runLimit) {
                fullRuns.add(task.runId());
                continue;
            }
            String key = task.concurrencyKey();
            if (key != null && task.maxConcurrency() > 0 && perKey.getOrDefault(key, 0) >= task.maxConcurrency()) {
                fullKeys.add(key);
                continue;
            }
            if (task.ratePerSecond() > 0 && !bucket(task, now).tryTake(now)) {
                continue;
            }
            iterator.remove();
            byTask.remove(task.taskRowId());
            dispatched(task.taskRowId(), new InFlight(task.runId(), key));
            taken.add(task);
        }
        return taken;
    }

    /** A taken task was claimed as this attempt. */
    public void confirm(ReadyTask task, UUID attemptId) {
        ended(task.taskRowId());
        dispatched(attemptId, new InFlight(task.runId(), task.concurrencyKey()));
    }

    /** A taken task could not be claimed: it no longer counts as in flight. */
    public void release(ReadyTask task) {
        ended(task.taskRowId());
    }

    /** The earliest time a waiting task that cannot go now may go, or null when nothing waits for time. */
    public Instant nextWake() {
        Instant now = clock.instant();
        Instant next = null;
        for (ReadyTask task : waiting) {
            Instant at = null;
            if (task.notBefore() != null && task.notBefore().isAfter(now)) {
                at = task.notBefore();
            } else if (task.ratePerSecond() > 0) {
                at = bucket(task, now).nextToken(now);
            }
            if (at != null && at.isAfter(now) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    private TokenBucket bucket(ReadyTask task, Instant now) {
        TokenBucket bucket = buckets.get(task.rateKey());
        if (bucket == null || bucket.perSecond() != task.ratePerSecond()) {
            bucket = new TokenBucket(task.ratePerSecond(), now);
            buckets.put(task.rateKey(), bucket);
        }
        return bucket;
    }
}
