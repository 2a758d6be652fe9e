package dev.spool.worker.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CombinedBudgetTest {

    @Test
    void streamsThatFitTogetherKeepWhatTheyHave() {
        assertThat(CombinedBudget.split(100, 30, 50)).containsExactly(30, 50);
    }

    @Test
    void whatOneStreamDoesNotNeedGoesToTheOther() {
        assertThat(CombinedBudget.split(100, 10, 500)).containsExactly(10, 90);
        assertThat(CombinedBudget.split(100, 500, 20)).containsExactly(80, 20);
    }

    @Test
    void twoLargeStreamsShareEvenly() {
        assertThat(CombinedBudget.split(101, 500, 500)).containsExactly(50, 51);
    }
}
