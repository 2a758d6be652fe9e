package dev.spool.scheduler.dag;

import dev.spool.contracts.TaskStatus;
import dev.spool.scheduler.model.Dependency;
import dev.spool.scheduler.model.DependencyStrategy;
import dev.spool.scheduler.model.RunStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.spool.contracts.TaskStatus.FAILED;
import static dev.spool.contracts.TaskStatus.PENDING;
import static dev.spool.contracts.TaskStatus.QUEUED;
import static dev.spool.contracts.TaskStatus.READY;
import static dev.spool.contracts.TaskStatus.RUNNING;
import static dev.spool.contracts.TaskStatus.SKIPPED;
import static dev.spool.contracts.TaskStatus.SUCCEEDED;
import static dev.spool.contracts.TaskStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

class DagPlannerTest {

    private static List<DagPlanner.Node> diamond(TaskStatus a, TaskStatus b, TaskStatus c, TaskStatus d) {
        return List.of(
                DagPlanner.Node.of("d", d, "b", "c"),
                DagPlanner.Node.of("b", b, "a"),
                DagPlanner.Node.of("c", c, "a"),
                DagPlanner.Node.of("a", a));
    }

    private static DagPlanner.Node ended(String id, TaskStatus status, Integer exitCode) {
        return new DagPlanner.Node(id, status, exitCode, 1, List.of(), null, null, false);
    }

    private static DagPlanner.Node join(DependencyStrategy strategy, String when, Dependency... dependencies) {
        return new DagPlanner.Node("join", PENDING, null, 0, List.of(dependencies), strategy, when, false);
    }

    @Test
    void onlyTasksWithoutDependenciesAreReadyAtFirst() {
        DagPlanner.Plan plan = DagPlanner.plan(diamond(PENDING, PENDING, PENDING, PENDING));
        assertThat(plan.readyIds()).containsExactly("a");
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void bothBranchesBecomeReadyWhenTheirDependencySucceeds() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, PENDING, PENDING, PENDING)).readyIds()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aJoinWaitsForAllOfItsDependencies() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, RUNNING, PENDING)).readyIds()).isEmpty();
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, SUCCEEDED, PENDING)).readyIds()).containsExactly("d");
    }

    @Test
    void tasksAlreadyReadyQueuedOrRunningAreNotReadyAgain() {
        assertThat(DagPlanner.plan(diamond(SUCCEEDED, QUEUED, RUNNING, PENDING)).readyIds()).isEmpty();
        assertThat(DagPlanner.plan(diamond(READY, PENDING, PENDING, PENDING)).readyIds()).isEmpty();
    }

    @Test
    void aFailedDependencySkipsItsDependentsWithTheReason() {
        DagPlanner.Plan plan = DagPlanner.plan(diamond(SUCCEEDED, SUCCEEDED, FAILED, PENDING));
        assertThat(plan.readyIds()).isEmpty();
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
    void anyRequiredWaitsForEveryDependencyAndRunsIfOneSucceeded() {
        Dependency a = Dependency.on("a");
        Dependency b = Dependency.on("b");
        assertThat(DagPlanner.plan(List.of(ended("a", FAILED, 1), DagPlanner.Node.of("b", RUNNING),
                join(DependencyStrategy.ANY_REQUIRED, null, a, b))).readyIds()).isEmpty();
        DagPlanner.Plan plan = DagPlanner.plan(List.of(ended("a", FAILED, 1), ended("b", SUCCEEDED, 0),
                join(DependencyStrategy.ANY_REQUIRED, null, a, b)));
        assertThat(plan.readyIds()).containsExactly("join");
        assertThat(plan.ready().getFirst().notes()).containsExactly("dependency 'a' failed");
        assertThat(DagPlanner.plan(List.of(ended("a", FAILED, 1), ended("b", SKIPPED, null),
                join(DependencyStrategy.ANY_REQUIRED, null, a, b))).skipped().get("join"))
                .startsWith("none of its dependencies succeeded");
    }

    @Test
    void bestEffortRunsOnceEveryDependencyEndedWhateverTheOutcome() {
        DagPlanner.Plan plan = DagPlanner.plan(List.of(ended("a", FAILED, 2), ended("b", TIMED_OUT, null),
                join(DependencyStrategy.BEST_EFFORT, null, Dependency.on("a"), Dependency.on("b"))));
        assertThat(plan.readyIds()).containsExactly("join");
        assertThat(plan.ready().getFirst().notes()).containsExactly("dependency 'a' failed", "dependency 'b' timed out");
    }

    @Test
    void conditionalSkipWarnAndUseDefaultActPerDependency() {
        Dependency warn = new Dependency("a", Dependency.OnFailure.WARN);
        Dependency fallback = new Dependency("b", Dependency.OnFailure.useDefault("{}"));
        DagPlanner.Plan plan = DagPlanner.plan(List.of(ended("a", FAILED, 1), ended("b", FAILED, 1),
                join(DependencyStrategy.CONDITIONAL, null, warn, fallback)));
        assertThat(plan.readyIds()).containsExactly("join");
        assertThat(plan.ready().getFirst().defaults()).containsExactly(Map.entry("b", "{}"));
        assertThat(plan.ready().getFirst().notes()).hasSize(2).allMatch(note -> note.contains("failed"));

        Dependency skip = new Dependency("b", Dependency.OnFailure.SKIP);
        assertThat(DagPlanner.plan(List.of(ended("a", SUCCEEDED, 0), ended("b", FAILED, 1),
                join(DependencyStrategy.CONDITIONAL, null, warn, skip))).skipped())
                .containsExactly(Map.entry("join", "dependency 'b' failed (on_failure: skip)"));
    }

    @Test
    void anAlternativeRunsOnlyWhenItsPrimaryFailsAndStandsInForIt() {
        Dependency primary = new Dependency("fetch", Dependency.OnFailure.runAlternative("mirror"));
        DagPlanner.Node mirror = new DagPlanner.Node("mirror", PENDING, null, 0, List.of(), null, null, true);
        DagPlanner.Node use = new DagPlanner.Node("use", PENDING, null, 0, List.of(primary), DependencyStrategy.CONDITIONAL, null, false);

        DagPlanner.Plan whileRunning = DagPlanner.plan(List.of(DagPlanner.Node.of("fetch", RUNNING), mirror, use));
        assertThat(whileRunning.readyIds()).isEmpty();
        assertThat(whileRunning.skipped()).isEmpty();

        DagPlanner.Plan primarySucceeded = DagPlanner.plan(List.of(ended("fetch", SUCCEEDED, 0), mirror, use));
        assertThat(primarySucceeded.readyIds()).containsExactly("use");
        assertThat(primarySucceeded.skipped()).containsExactly(Map.entry("mirror", "not needed: fetch succeeded"));

        DagPlanner.Plan primaryFailed = DagPlanner.plan(List.of(ended("fetch", FAILED, 1), mirror, use));
        assertThat(primaryFailed.readyIds()).containsExactly("mirror");

        DagPlanner.Node mirrorDone = new DagPlanner.Node("mirror", SUCCEEDED, 0, 1, List.of(), null, null, true);
        DagPlanner.Plan alternativeSucceeded = DagPlanner.plan(List.of(ended("fetch", FAILED, 1), mirrorDone, use));
        assertThat(alternativeSucceeded.readyIds()).containsExactly("use");
        assertThat(alternativeSucceeded.ready().getFirst().notes()).containsExactly("dependency 'fetch' failed; its alternative 'mirror' succeeded");

        DagPlanner.Node mirrorFailed = new DagPlanner.Node("mirror", FAILED, 1, 1, List.of(), null, null, true);
        assertThat(DagPlanner.plan(List.of(ended("fetch", FAILED, 1), mirrorFailed, use)).skipped().get("use"))
                .isEqualTo("dependency 'fetch' failed and its alternative 'mirror' failed");
    }

    @Test
    void whenIsCheckedOnceTheDependenciesAllowTheTaskAndSaysWhyItSkipped() {
        Dependency a = Dependency.on("a");
        Dependency b = Dependency.on("b");
        String when = "a.succeeded && !b.failed";
        assertThat(DagPlanner.plan(List.of(ended("a", SUCCEEDED, 0), ended("b", SUCCEEDED, 0),
                join(DependencyStrategy.BEST_EFFORT, when, a, b))).readyIds()).containsExactly("join");
        assertThat(DagPlanner.plan(List.of(ended("a", SUCCEEDED, 0), ended("b", FAILED, 3),
                join(DependencyStrategy.BEST_EFFORT, when, a, b))).skipped().get("join"))
                .isEqualTo("its condition 'a.succeeded && !b.failed' is false (a succeeded with exit code 0, b failed with exit code 3)");
        assertThat(DagPlanner.plan(List.of(ended("a", FAILED, 3), ended("b", SUCCEEDED, 0),
                join(DependencyStrategy.BEST_EFFORT, "a.exit_code == 3 || a.status == 'timed_out'", a, b))).readyIds()).containsExactly("join");
    }

    @Test
    void aRunEndsOnlyWhenEveryTaskHasEndedAndSucceedsWhenNoneFailedOrWasCancelled() {
        assertThat(RunStatus.of(List.of(SUCCEEDED, RUNNING))).isEqualTo(RunStatus.RUNNING);
        assertThat(RunStatus.of(List.of(SUCCEEDED, READY))).isEqualTo(RunStatus.RUNNING);
        assertThat(RunStatus.of(List.of(SUCCEEDED, SUCCEEDED))).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RunStatus.of(List.of(SUCCEEDED, SKIPPED))).as("a branch its condition did not take").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(RunStatus.of(List.of(SUCCEEDED, FAILED, SKIPPED))).isEqualTo(RunStatus.FAILED);
        assertThat(RunStatus.of(List.of(TaskStatus.TIMED_OUT, SKIPPED))).isEqualTo(RunStatus.FAILED);
        assertThat(RunStatus.of(List.of(TaskStatus.CANCELLED, FAILED, SKIPPED))).isEqualTo(RunStatus.CANCELLED);
    }
}
