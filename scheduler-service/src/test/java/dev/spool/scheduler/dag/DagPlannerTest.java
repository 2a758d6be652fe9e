package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.spool.contracts.TaskStatus.FAILED;
import static dev.spool.contracts.TaskStatus.PENDING;
import static dev.spool.contracts.TaskStatus.QUEUED;
import static dev.spool.contracts.TaskStatus.RUNNING;
import static dev.spool.contracts.TaskStatus.SKIPPED;
import static dev.spool.contracts.TaskStatus.SUCCEEDED;
import static dev.spool.contracts.TaskStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

class DagPlannerTest {

    private static List<DagPlanner.Node> diamond(TaskStatus a, TaskStatus b, TaskStatus c, TaskStatus d) {
        return List.of(
                new DagPlanner.Node("d", d, List.of("b", "c")),
                new DagPlanner.Node("b", b, List.of("a")),
                new DagPlanner.Node("c", c, List.of("a")),
                new DagPlanner.Node("a", a, List.of()));
    }

    @Test
    void onlyTasksWithoutDependenciesAreReadyAtFirst() {
        assertThat(DagPlanner.plan(diamond(PENDING, PENDING, PENDING, PENDING)))
                .isEqualTo(new DagPlanner.Plan(List.of("a"), Map.of()));
    }

    @Test
    void bothBranchesBecomeReadyWhenTheirDependencySucceeds() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, PENDING, PENDING, PENDING)).ready()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aJoinWaitsForAllOfItsDependencies() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, RUNNING, PENDING)).ready()).isEmpty();
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, SUCCEEDED, PENDING)).ready()).containsExactly("d");
    }

    @Test
    void tasksAlreadyQueuedOrRunningAreNotReadyAgain() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, QUEUED, RUNNING, PENDING)).ready()).isEmpty();
    }

    @Test
    void aFailedDependencySkipsItsDependentsWithTheReason() {
        DagPlanner.Plan plan = DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, FAILED, PENDING));
        assertThat(plan.ready()).isEmpty();
        assertThat(plan.skipped()).containsExactly(Map.entry("d", "dependency 'c' failed"));
    }

    @Test
    void skipsPropagateThroughTheWholeSubgraph() {
        DagPlanner.Plan plan = DagPlanner.plan(diamond(TIMED_OUT, PENDING, PENDING, PENDING));
        assertThat(plan.skipped()).containsOnlyKeys("b", "c", "d")
                .containsEntry("b", "dependency 'a' timed out")
                .containsEntry("d", "dependency 'b' was skipped");
    }

    @Test
    void aRunEndsOnlyWhenEveryTaskHasEndedAndSucceedsOnlyIfAllDid() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, RUNNING))).isEqualTo(RunStatus.RUNNING);
        assertThat(RunStatus.of(List.of(SUCCEEDED, SUCCEEDED))).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RunStatus.of(List.of(SUCCEEDED, FAILED, SKIPPED))).isEqualTo(RunStatus.FAILED);
    }
}
