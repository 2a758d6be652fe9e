package dev.spool.worker.service;

import dev.spool.contracts.TaskTimeout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptDeadlineTest {

    @Test
    void aFixedTimeoutWarnsOnceAtNinetyPercentAndExpiresAtItsEnd() {
        AttemptDeadline deadline = AttemptDeadline.of(new TaskTimeout.Fixed(10_000), 0);
        assertThat(deadline.warnAt(8_999)).isFalse();
        assertThat(deadline.warnAt(9_000)).isTrue();
        assertThat(deadline.warnAt(9_500)).isFalse();
        assertThat(deadline.expiredAt(9_999, true)).isFalse();
        assertThat(deadline.expiredAt(10_000, true)).isTrue();
    }

    @Test
    void anAdaptiveTimeoutGivesABusyAttemptMoreTimeUpToItsMaximum() {
        AttemptDeadline deadline = AttemptDeadline.of(new TaskTimeout.Adaptive(1_000, 2_500, 1.0, null), 0);
        assertThat(deadline.expiredAt(1_000, true)).isFalse();
        assertThat(deadline.deadlineMillis()).isEqualTo(2_000);
        assertThat(deadline.warnAt(1_800)).isTrue();
        assertThat(deadline.expiredAt(2_000, true)).isFalse();
        assertThat(deadline.deadlineMillis()).isEqualTo(2_500);
        assertThat(deadline.expiredAt(2_500, true)).isTrue();
    }

    @Test
    void anAdaptiveTimeoutStopsAnIdleAttemptAtItsBase() {
        AttemptDeadline deadline = AttemptDeadline.of(new TaskTimeout.Adaptive(1_000, 60_000, 1.0, null), 0);
        assertThat(deadline.expiredAt(1_000, false)).isTrue();
    }

    @Test
    void theInputSizeScalesTheStartingBudgetAsTheSizeFactorSays() {
        // 20 MB at 1.5 per MB: 30 times the base, within the maximum.
        assertThat(AttemptDeadline.of(new TaskTimeout.Adaptive(1_000, 60_000, 1.5, "data"), 20_000_000).deadlineMillis()).isEqualTo(30_000);
        assertThat(AttemptDeadline.of(new TaskTimeout.Adaptive(1_000, 10_000, 1.5, "data"), 20_000_000).deadlineMillis()).isEqualTo(10_000);
        assertThat(AttemptDeadline.of(new TaskTimeout.Adaptive(1_000, 10_000, 1.5, "data"), 100).deadlineMillis()).isEqualTo(1_000);
    }
}
