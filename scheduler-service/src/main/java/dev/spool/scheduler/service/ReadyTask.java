package dev.spool.scheduler.service;

import dev.spool.scheduler.model.Task;
import dev.spool.scheduler.model.TaskDefinition;

import java.time.Instant;
import java.util.UUID;

/**
 * A task waiting in the scheduler for a dispatch slot, with what the dispatcher needs to order and limit it.
 *
 * @param notBefore       a retry's backoff: not dispatched before this time, or null
 * @param concurrencyKey  the task's concurrency group, or null
 * @param maxConcurrency  at most this many of the group in flight, or 0 for no limit
 * @param ratePerSecond   dispatches per second allowed to the group (or the task alone, without a key), or 0
 */
public record ReadyTask(UUID taskRowId, UUID runId, String taskId, int priority, Instant readyAt, int position, Instant notBefore,
                        String concurrencyKey, int maxConcurrency, double ratePerSecond) {

    public static ReadyTask of(Task task, TaskDefinition definition) {
        return new ReadyTask(task.id, task.runId, task.taskId, task.priority, task.readyAt, task.position, task.notBefore,
                definition.concurrencyKey(), definition.maxConcurrency(), definition.rateLimitPerSecond());
    }

    public String rateKey() {
        return concurrencyKey != null ? "key:" + concurrencyKey : "task:" + runId + "/" + taskId;
    }
}
