package dev.spool.scheduler.service;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.dag.Condition;
import dev.spool.scheduler.model.LoopPolicy;
import dev.spool.scheduler.model.RetryPolicy;
import dev.spool.scheduler.model.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptOutcomeTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Condition.Outcomes NO_UPSTREAM = (task, property) -> null;

    private static TaskDefinition definition(RetryPolicy retry, LoopPolicy loop) {
        return new TaskDefinition(null, null, null, null, null, null, null, false, null, null, null, loop, retry, 60_000, 50,
                null, 0, 0, null, null, false, null, null);
    }

    private static AttemptOutcome decide(TaskDefinition definition, int tries, int iteration, int infraRetries, TaskStatus status, Integer exitCode) {
        return AttemptOutcome.decide(definition, new AttemptOutcome.TaskState(tries, iteration, infraRetries, false), status, exitCode, null,
                NO_UPSTREAM, NOW, 0.0, 3);
    }

    @Test
    void exponentialBackoffDoublesFromTheInitialDelayUpToTheMaximum() {
        RetryPolicy retry = new RetryPolicy(10, RetryPolicy.Backoff.EXPONENTIAL, 1000, 5000, 0, null, null);
        assertThat(retry.delayBefore(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.delayBefore(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.delayBefore(3, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(retry.delayBefore(4, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delayBefore(60, 0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void linearAndFixedBackoffAndJitterThatOnlyShortensTheDelay() {
        RetryPolicy linear = new RetryPolicy(10, RetryPolicy.Backoff.LINEAR, 500, 60_000, 0, null, null);
        assertThat(linear.delayBefore(3, 0)).isEqualTo(Duration.ofMillis(1500));
        RetryPolicy fixed = new RetryPolicy(10, RetryPolicy.Backoff.FIXED, 700, 60_000, 0.5, null, null);
        assertThat(fixed.delayBefore(5, 0)).isEqualTo(Duration.ofMillis(700));
        assertThat(fixed.delayBefore(5, 0.999)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void aFailureIsRetriedAfterItsBackoffUntilTheAttemptsRunOut() {
        TaskDefinition definition = definition(new RetryPolicy(3, RetryPolicy.Backoff.FIXED, 2000, 2000, 0, null, null), null);
        assertThat(decide(definition, 1, 0, 0, TaskStatus.FAILED, 1))
                .isEqualTo(new AttemptOutcome.Retry(NOW.plusSeconds(2), "try 1 of 3 failed with exit code 1; retrying in 2000 ms", true));
        assertThat(decide(definition, 2, 0, 0, TaskStatus.TIMED_OUT, null)).isInstanceOf(AttemptOutcome.Retry.class);
        AttemptOutcome last = decide(definition, 3, 0, 0, TaskStatus.FAILED, 1);
        assertThat(last).isEqualTo(new AttemptOutcome.Finish(TaskStatus.FAILED, "failed with exit code 1 (after 3 tries)"));
    }

    @Test
    void retryOnNamesWhichOutcomesAreRetried() {
        TaskDefinition definition = definition(new RetryPolicy(5, RetryPolicy.Backoff.FIXED, 10, 10, 0, Set.of("timeout"), Set.of(75)), null);
        assertThat(decide(definition, 1, 0, 0, TaskStatus.FAILED, 75)).isInstanceOf(AttemptOutcome.Retry.class);
        assertThat(decide(definition, 1, 0, 0, TaskStatus.TIMED_OUT, null)).isInstanceOf(AttemptOutcome.Retry.class);
        assertThat(decide(definition, 1, 0, 0, TaskStatus.FAILED, 1))
                .isEqualTo(new AttemptOutcome.Finish(TaskStatus.FAILED, "failed with exit code 1 (not retried: retry_on does not cover it)"));
        assertThat(decide(definition, 1, 0, 0, TaskStatus.RESOURCE_EXCEEDED, null)).isInstanceOf(AttemptOutcome.Finish.class);
        assertThat(decide(definition, 1, 0, 0, TaskStatus.SUCCEEDED, 0)).isEqualTo(new AttemptOutcome.Finish(TaskStatus.SUCCEEDED, null));
    }

    @Test
    void anAttemptLostWithItsWorkerRunsAgainWithoutCountingAsATryAFewTimes() {
        TaskDefinition noRetry = definition(RetryPolicy.NONE, null);
        AttemptOutcome lost = decide(noRetry, 0, 0, 0, TaskStatus.LOST, null);
        assertThat(lost).isInstanceOfSatisfying(AttemptOutcome.Retry.class, retry -> {
            assertThat(retry.charged()).isFalse();
            assertThat(retry.notBefore()).isEqualTo(NOW);
        });
        assertThat(decide(noRetry, 1, 0, 3, TaskStatus.LOST, null)).isInstanceOf(AttemptOutcome.Finish.class);
        assertThat(decide(noRetry, 0, 0, 1, TaskStatus.INTERRUPTED, null)).isInstanceOf(AttemptOutcome.Retry.class);
    }

    @Test
    void aCancelledRunIsNeverRetried() {
        TaskDefinition definition = definition(new RetryPolicy(5, RetryPolicy.Backoff.FIXED, 10, 10, 0, null, null), null);
        AttemptOutcome outcome = AttemptOutcome.decide(definition, new AttemptOutcome.TaskState(1, 0, 0, true), TaskStatus.LOST, null,
                null, NO_UPSTREAM, NOW, 0, 3);
        assertThat(outcome).isEqualTo(new AttemptOutcome.Finish(TaskStatus.CANCELLED, "the run was cancelled"));
    }

    @Test
    void aLoopRunsUntilAnIterationSucceedsAndFailsWhenItsBoundIsReached() {
        TaskDefinition loop = definition(RetryPolicy.NONE, new LoopPolicy(3, "succeeded"));
        assertThat(decide(loop, 1, 1, 0, TaskStatus.FAILED, 1)).isInstanceOf(AttemptOutcome.NextIteration.class);
        assertThat(decide(loop, 2, 2, 0, TaskStatus.SUCCEEDED, 0))
                .isEqualTo(new AttemptOutcome.Finish(TaskStatus.SUCCEEDED, "the loop ended after 2 iterations: an iteration succeeded"));
        assertThat(decide(loop, 3, 3, 0, TaskStatus.FAILED, 1)).isEqualTo(new AttemptOutcome.Finish(TaskStatus.FAILED,
                "the loop ran its 3 iterations without one succeeding; the last failed with exit code 1"));
    }

    @Test
    void aLoopConditionReadsTheIterationAndTheUpstream() {
        TaskDefinition loop = definition(RetryPolicy.NONE, new LoopPolicy(10_000, "exit_code == 3 && prep.succeeded"));
        Condition.Outcomes upstream = (task, property) -> "prep".equals(task) && property.equals("succeeded") ? Boolean.TRUE : null;
        AttemptOutcome.TaskState state = new AttemptOutcome.TaskState(1, 9_999, 0, false);
        assertThat(AttemptOutcome.decide(loop, state, TaskStatus.SUCCEEDED, 0, null, upstream, NOW, 0, 3))
                .isInstanceOf(AttemptOutcome.NextIteration.class);
        assertThat(AttemptOutcome.decide(loop, state, TaskStatus.FAILED, 3, null, upstream, NOW, 0, 3))
                .isInstanceOfSatisfying(AttemptOutcome.Finish.class, finish -> assertThat(finish.status()).isEqualTo(TaskStatus.SUCCEEDED));
        assertThat(AttemptOutcome.decide(loop, new AttemptOutcome.TaskState(1, 10_000, 0, false), TaskStatus.SUCCEEDED, 0, null, upstream, NOW, 0, 3))
                .isInstanceOfSatisfying(AttemptOutcome.Finish.class, finish -> assertThat(finish.status()).isEqualTo(TaskStatus.FAILED));
    }
}
