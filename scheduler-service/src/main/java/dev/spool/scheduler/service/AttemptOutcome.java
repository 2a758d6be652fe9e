package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.dag.Condition;
import dev.spool.scheduler.dag.DagPlanner;
import dev.spool.scheduler.model.LoopPolicy;
import dev.spool.scheduler.model.RetryPolicy;
import dev.spool.scheduler.model.TaskDefinition;

import java.time.Duration;
import java.time.Instant;

/** What becomes of a task when one of its attempts ends: it ends, it is tried again, or its loop goes on. */
public sealed interface AttemptOutcome {

    /** The task ends with this status. */
    record Finish(TaskStatus status, String reason) implements AttemptOutcome {
    }

    /**
     * The task is tried again, not before {@code notBefore}.
     *
     * @param charged whether the try counts against {@code retry.max_attempts}; a worker's loss does not, a few times
     */
    record Retry(Instant notBefore, String reason, boolean charged) implements AttemptOutcome {
    }

    /** A looping task runs its next iteration. */
    record NextIteration(String reason) implements AttemptOutcome {
    }

    /**
     * The task at the moment an attempt ended.
     *
     * @param tries        tries counted against max_attempts so far, this one included
     * @param iteration    the loop iteration that ended, from 1
     * @param infraRetries re-runs already given for attempts lost to workers
     */
    record TaskState(int tries, int iteration, int infraRetries, boolean cancelRequested) {
    }

    /**
     * @param upstream   outcomes of the task's dependencies, for a loop's {@code until}
     * @param random     a number in [0, 1) for the backoff's jitter
     * @param infraLimit how many attempts lost to workers are re-run without counting as tries
     */
    static AttemptOutcome decide(TaskDefinition definition, TaskState task, TaskStatus status, Integer exitCode, String error,
                                 Condition.Outcomes upstream, Instant now, double random, int infraLimit) {
        if (task.cancelRequested() || status == TaskStatus.CANCELLED) {
            return new Finish(TaskStatus.CANCELLED, error != null ? error : "the run was cancelled");
        }
        if ((status == TaskStatus.LOST || status == TaskStatus.INTERRUPTED) && task.infraRetries() < infraLimit) {
            return new Retry(now, "attempt " + describe(status, exitCode, error) + "; running it again", false);
        }
        LoopPolicy loop = definition.loop();
        if (loop != null) {
            return loopOutcome(loop, task.iteration(), status, exitCode, error, upstream);
        }
        if (status == TaskStatus.SUCCEEDED) {
            return new Finish(TaskStatus.SUCCEEDED, null);
        }
        RetryPolicy retry = definition.retry();
        if (retry.retries(status, exitCode) && task.tries() < retry.maxAttempts()) {
            Duration delay = retry.delayBefore(task.tries(), random);
            return new Retry(now.plus(delay), "try " + task.tries() + " of " + retry.maxAttempts() + " " + describe(status, exitCode, error)
                    + "; retrying in " + delay.toMillis() + " ms", true);
        }
        String reason = error != null ? error : describe(status, exitCode, null);
        if (retry.maxAttempts() > 1) {
            reason = reason + (retry.retries(status, exitCode) ? " (after " + task.tries() + " tries)" : " (not retried: retry_on does not cover it)");
        }
        return new Finish(status, reason);
    }

    private static AttemptOutcome loopOutcome(LoopPolicy loop, int iteration, TaskStatus status, Integer exitCode, String error,
                                              Condition.Outcomes upstream) {
        boolean passed;
        if (loop.untilSucceeded()) {
            passed = status == TaskStatus.SUCCEEDED;
        } else {
            Condition until = Condition.parsed(loop.until(), true);
            passed = until.test((taskId, property) -> taskId == null && !property.startsWith(Condition.RESULT_PREFIX)
                    ? DagPlanner.property(status, exitCode, iteration, property)
                    : upstream.property(taskId, property));
        }
        if (passed) {
            return new Finish(TaskStatus.SUCCEEDED, "the loop ended after " + iteration + " iteration" + (iteration == 1 ? "" : "s")
                    + ": " + (loop.untilSucceeded() ? "an iteration succeeded" : "'" + loop.until() + "' held"));
        }
        if (iteration < loop.maxIterations()) {
            return new NextIteration("iteration " + iteration + " " + describe(status, exitCode, error));
        }
        return new Finish(TaskStatus.FAILED, "the loop ran its " + loop.maxIterations() + " iterations without "
                + (loop.untilSucceeded() ? "one succeeding" : "'" + loop.until() + "' holding") + "; the last " + describe(status, exitCode, error));
    }

    private static String describe(TaskStatus status, Integer exitCode, String error) {
        String what = switch (status) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed" + (exitCode != null ? " with exit code " + exitCode : "");
            default -> DagPlanner.describe(status);
        };
        return error != null && status != TaskStatus.FAILED ? what + " (" + error + ")" : what;
    }
}
