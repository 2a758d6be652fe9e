package dev.spool.contracts.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RelevanceTest {

    @Test
    void aDirectDependencyScoresOneAndATransitiveOneEightTenthsOverItsDepth() {
        assertThat(Relevance.ofDepth(1)).isEqualTo(1.0);
        assertThat(Relevance.ofDepth(2)).isCloseTo(0.4, within(1e-9));
        assertThat(Relevance.ofDepth(4)).isCloseTo(0.2, within(1e-9));
        assertThat(Relevance.ofDepth(Relevance.MAX_DEPTH + 1)).isZero();
    }

    @Test
    void theReachOfAThresholdIsTheDeepestAncestorThatStillMeetsIt() {
        assertThat(Relevance.reach(0.5)).isEqualTo(1);
        assertThat(Relevance.reach(0.4)).isEqualTo(2);
        assertThat(Relevance.reach(0.3)).isEqualTo(2);
        assertThat(Relevance.reach(0.2)).isEqualTo(4);
        assertThat(Relevance.reach(0)).isEqualTo(Relevance.MAX_DEPTH);
        for (double threshold = 0.01; threshold <= 1; threshold += 0.01) {
            int reach = Relevance.reach(threshold);
            assertThat(Relevance.ofDepth(reach)).isGreaterThanOrEqualTo(threshold - 1e-9);
            assertThat(Relevance.ofDepth(reach + 1)).isLessThan(threshold);
        }
    }
}
