package dev.spool.scheduler.dispatch;

import dev.spool.scheduler.service.EngineChanges;
import dev.spool.scheduler.service.ReadyTask;
import dev.spool.support.TokenBucket;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The tasks that wait for a dispatch slot and the attempts in flight. It picks what goes next: highest priority
 * first; within a priority, the runs take turns (the run with the fewest attempts in flight, then the one served
 * longest ago), so that a run of ten thousand tasks submitted first does not hold back the runs after it; within a run,
 * first come first served. Only within the global, per-run and per-group limits and the groups' rate limits. Not
 * thread-safe: the dispatcher's single thread owns it.
 */
public final class DispatchQueue {

    /** What an attempt in flight counts against. */
    public record InFlight(UUID runId, String concurrencyKey) {
    }

    /** Within a run and a priority. */
    private static final Comparator<ReadyTask> ORDER = Comparator.comparing(ReadyTask::readyAt)
            .thenComparingInt(ReadyTask::position)
            .thenComparing(ReadyTask::taskRowId);

    private final InstantSource clock;
    /** Priority (highest first), then each run's waiting tasks of that priority. */
    private final TreeMap<Integer, Map<UUID, TreeSet<ReadyTask>>> waiting = new TreeMap<>(Comparator.reverseOrder());
    private final Map<UUID, ReadyTask> byTask = new HashMap<>();
    /** When each run with waiting tasks was last served, in takes: the runs' turns. */
    private final Map<UUID, Long> lastServed = new HashMap<>();
    private long served;
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

    /** Applies what a committed change of the engine means here: a new run's limit before its first ready tasks. */
    public void apply(EngineChanges changes) {
        changes.runLimits().forEach(this::setRunLimit);
        changes.endedAttempts().forEach(this::ended);
        changes.removedTasks().forEach(this::remove);
        changes.ready().forEach(this::offer);
    }

    /** Adds a ready task, or replaces the entry of the same task. */
    public void offer(ReadyTask task) {
        ReadyTask previous = byTask.put(task.taskRowId(), task);
        if (previous != null) {
            unlink(previous);
        }
        waiting.computeIfAbsent(task.priority(), priority -> new HashMap<>())
                .computeIfAbsent(task.runId(), run -> new TreeSet<>(ORDER)).add(task);
    }

    public void remove(UUID taskRowId) {
        ReadyTask previous = byTask.remove(taskRowId);
        if (previous != null) {
            unlink(previous);
        }
    }

    private void unlink(ReadyTask task) {
        Map<UUID, TreeSet<ReadyTask>> level = waiting.get(task.priority());
        if (level == null) {
            return;
        }
        TreeSet<ReadyTask> ofRun = level.get(task.runId());
        if (ofRun != null && ofRun.remove(task) && ofRun.isEmpty()) {
            level.remove(task.runId());
            if (level.isEmpty()) {
                waiting.remove(task.priority());
            }
        }
        forgetTurnIfIdle(task.runId());
    }

    /** A run with nothing waiting has no turn to keep: when it has tasks again, it is served first. */
    private void forgetTurnIfIdle(UUID runId) {
        for (Map<UUID, TreeSet<ReadyTask>> level : waiting.values()) {
            if (level.containsKey(runId)) {
                return;
            }
        }
        lastServed.remove(runId);
    }

    public boolean contains(UUID taskRowId) {
        return byTask.containsKey(taskRowId);
    }

    public int waiting() {
        return byTask.size();
    }

    public int inFlight() {
        return inFlight.size();
    }

    public void clear() {
        waiting.clear();
        byTask.clear();
        lastServed.clear();
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
        Set<String> fullKeys = new HashSet<>();
        for (Integer priority : List.copyOf(waiting.keySet())) {
            if (taken.size() >= max || inFlight.size() >= globalLimit) {
                break;
            }
            Map<UUID, TreeSet<ReadyTask>> level = waiting.get(priority);
            takeTurns(level, now, globalLimit, max, fullKeys, taken);
            if (level.isEmpty()) {
                waiting.remove(priority);
            }
        }
        return taken;
    }

    /** One run's place in a priority's round: its tasks in order, and how it stands against the others. */
    private record Turn(UUID runId, Iterator<ReadyTask> tasks, int inFlight, long lastServed, ReadyTask oldest) {
    }

    /** Fewest in flight, then served longest ago, then (runs not served yet) the one whose oldest task waited longest. */
    private static final Comparator<Turn> TURNS = Comparator.comparingInt(Turn::inFlight).thenComparingLong(Turn::lastServed)
            .thenComparing(Turn::oldest, ORDER);

    /** Serves the runs of one priority in turns, one task a turn, until none of them can send another now. */
    private void takeTurns(Map<UUID, TreeSet<ReadyTask>> level, Instant now, int globalLimit, int max, Set<String> fullKeys,
                           List<ReadyTask> taken) {
        PriorityQueue<Turn> turns = new PriorityQueue<>(TURNS);
        level.forEach((runId, tasks) -> {
            if (!paused.contains(runId)) {
                turns.add(new Turn(runId, tasks.iterator(), perRun.getOrDefault(runId, 0), lastServed.getOrDefault(runId, 0L), tasks.first()));
            }
        });
        while (!turns.isEmpty() && taken.size() < max && inFlight.size() < globalLimit) {
            Turn turn = turns.poll();
            int runLimit = runLimits.getOrDefault(turn.runId(), defaultRunLimit);
            if (runLimit > 0 && perRun.getOrDefault(turn.runId(), 0) >= runLimit) {
                continue;
            }
            ReadyTask next = nextEligible(turn.tasks(), now, fullKeys);
            if (next == null) {
                continue;
            }
            turn.tasks().remove();
            byTask.remove(next.taskRowId());
            dispatched(next.taskRowId(), new InFlight(next.runId(), next.concurrencyKey()));
            taken.add(next);
            long at = ++served;
            lastServed.put(turn.runId(), at);
            turns.add(new Turn(turn.runId(), turn.tasks(), perRun.getOrDefault(turn.runId(), 0), at, turn.oldest()));
        }
        // Emptied runs leave the level only now: their iterators were in use.
        List<UUID> emptied = level.entrySet().stream().filter(entry -> entry.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        emptied.forEach(runId -> {
            level.remove(runId);
            forgetTurnIfIdle(runId);
        });
    }

    /** The run's next task that may go now, the iterator left on it; null when none may. */
    private ReadyTask nextEligible(Iterator<ReadyTask> tasks, Instant now, Set<String> fullKeys) {
        while (tasks.hasNext()) {
            ReadyTask task = tasks.next();
            if (task.notBefore() != null && task.notBefore().isAfter(now)) {
                continue;
            }
            String key = task.concurrencyKey();
            if (key != null && (fullKeys.contains(key) || (task.maxConcurrency() > 0 && perKey.getOrDefault(key, 0) >= task.maxConcurrency()))) {
                fullKeys.add(key);
                continue;
            }
            if (task.ratePerSecond() > 0 && !bucket(task, now).tryTake(now)) {
                continue;
            }
            return task;
        }
        return null;
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
        for (ReadyTask task : byTask.values()) {
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
