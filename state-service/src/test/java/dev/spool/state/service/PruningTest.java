package dev.spool.state.service;

import dev.spool.support.testing.OnVertx;
import dev.spool.support.testing.EmbeddedPostgresResource;
import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.PruneReport;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.state.Records;
import dev.spool.state.model.ObjectDeletion;
import dev.spool.state.model.PrunedOutputs;
import dev.spool.state.repository.TaskOutputRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Pruning, by each strategy and trigger. What the tasks still to run need is given as the scheduler would answer it.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class PruningTest {

    @Inject
    OutputRecorder recorder;
    @Inject
    Pruner pruner;
    @Inject
    RunHousekeeping housekeeping;
    @Inject
    TaskOutputRepository outputs;

    private final UUID run = UUID.randomUUID();
    private final Instant start = Instant.parse("2026-03-01T10:00:00Z");

    /** The clock of the outputs: each recorded one completes a second after the one before. */
    private int seconds;

    private void iterations(String task, int count) {
        for (int i = 1; i <= count; i++) {
            int attempt = i;
            Instant at = start.plusSeconds(++seconds);
            OnVertx.await(() -> recorder.record(Records.result(run, task, attempt, "iteration " + attempt + "\n", at)));
        }
    }

    private PruneReport prune(RunNeeds needs, CleanupPolicy.Type type, int keep, boolean dryRun) {
        return OnVertx.await(() -> Panache.withTransaction(() -> outputs.headersOf(run)
                .chain(live -> pruner.prune(run, live, needs, type, keep, dryRun))));
    }

    private List<String> kept() {
        return OnVertx.await(() -> Panache.withSession(() -> outputs.headersOf(run)))
                .stream().map(o -> o.taskId() + "#" + o.attempt() + ":" + o.stream()).toList();
    }

    private RunNeeds needs(Map<String, Double> relevance, Set<String> needed, Set<String> unfinished) {
        return new RunNeeds(run, false, null, relevance, needed, unfinished);
    }

    private static final RunNeeds NOTHING_PENDING = new RunNeeds(null, false, null, Map.of(), Set.of(), Set.of());

    @Test
    void mostRecentKeepsTheNewestOutputsAndLeavesOneTombstonePerOutputType() {
        iterations("loop", 30);

        PruneReport report = prune(NOTHING_PENDING, CleanupPolicy.Type.MOST_RECENT, 10, false);

        assertThat(report.pruned()).isEqualTo(50);
        assertThat(kept()).hasSize(10).allMatch(key -> Integer.parseInt(key.replaceAll(".*#(\\d+):.*", "$1")) > 25);
        List<PrunedOutputs> stones = OnVertx.await(() -> Panache.withSession(() -> PrunedOutputs.<PrunedOutputs>list("runId", run)));
        assertThat(stones).hasSize(2).allSatisfy(stone -> {
            assertThat(stone.strategy).isEqualTo("most_recent");
            assertThat(stone.firstAttempt).isEqualTo(1);
            assertThat(stone.lastAttempt).isEqualTo(25);
        });

        // Pruning again later extends the same ranges rather than adding rows.
        for (int i = 31; i <= 40; i++) {
            int attempt = i;
            OnVertx.await(() -> recorder.record(Records.result(run, "loop", attempt, "iteration " + attempt + "\n", start.plusSeconds(attempt))));
        }
        prune(NOTHING_PENDING, CleanupPolicy.Type.MOST_RECENT, 10, false);
        List<PrunedOutputs> after = OnVertx.await(() -> Panache.withSession(() -> PrunedOutputs.<PrunedOutputs>list("runId", run)));
        assertThat(after).hasSize(2).allSatisfy(stone -> assertThat(stone.lastAttempt).isEqualTo(35));
    }

    @Test
    void aPrunedOutputAnswers410SayingWhichStrategyPrunedItAndWhen() {
        iterations("loop", 6);
        prune(NOTHING_PENDING, CleanupPolicy.Type.MOST_RECENT, 2, false);

        given().queryParam("attempt", 1).get("/api/v1/outputs/{run}/loop", run).then().statusCode(410)
                .body("error", equalTo("output_pruned"))
                .body("message", containsString("pruned by the most_recent cleanup strategy"))
                .body("message", containsString("keep_count"));
        given().queryParam("attempt", 6).get("/api/v1/outputs/{run}/loop", run).then().statusCode(200);
        given().queryParam("attempt", 7).get("/api/v1/outputs/{run}/loop", run).then().statusCode(404);
    }

    @Test
    void neverPrunesTheLatestOutputOfATaskThatATaskStillToRunNeeds() {
        iterations("feeder", 3);
        iterations("noise", 5);

        prune(needs(Map.of(), Set.of("feeder"), Set.of("consumer")), CleanupPolicy.Type.MOST_RECENT, 0, false);

        assertThat(kept()).containsExactlyInAnyOrder("feeder#3:stdout", "feeder#3:stderr");
    }

    @Test
    void aTaskStillRunningKeepsItsLatestIterationForTheNext() {
        iterations("loop", 5);

        prune(needs(Map.of(), Set.of(), Set.of("loop")), CleanupPolicy.Type.NON_DEPENDENCIES, 0, false);

        assertThat(kept()).containsExactlyInAnyOrder("loop#5:stdout", "loop#5:stderr");
    }

    @Test
    void highestRelevanceKeepsTheOutputsTheTasksStillToRunScoreHighest() {
        iterations("near", 1);
        iterations("far", 1);
        iterations("unrelated", 1);
        RunNeeds needs = needs(Map.of("near", 1.0, "far", 0.4), Set.of(), Set.of("next"));
        OnVertx.await(() -> housekeeping.passWith(run, needs));

        prune(needs, CleanupPolicy.Type.HIGHEST_RELEVANCE, 4, false);

        assertThat(kept()).containsExactlyInAnyOrder("near#1:stdout", "near#1:stderr", "far#1:stdout", "far#1:stderr");
    }

    @Test
    void lruKeepsWhatWasUsedMostLately() {
        iterations("a", 1);
        iterations("b", 1);
        iterations("c", 1);
        OnVertx.await(() -> Panache.withTransaction(() -> outputs.update("lastAccessed = ?1 where runId = ?2 and taskId = 'a'",
                Instant.now(), run)));

        prune(NOTHING_PENDING, CleanupPolicy.Type.LRU, 4, false);

        assertThat(kept()).containsExactlyInAnyOrder("a#1:stdout", "a#1:stderr", "c#1:stdout", "c#1:stderr");
    }

    @Test
    void nonDependenciesDropsEverythingNoTaskStillToRunNeeds() {
        iterations("used", 1);
        iterations("done", 2);

        prune(needs(Map.of(), Set.of("used"), Set.of("last")), CleanupPolicy.Type.NON_DEPENDENCIES, 100, false);

        assertThat(kept()).containsExactlyInAnyOrder("used#1:stdout", "used#1:stderr");
    }

    @Test
    void aDryRunReportsTheChoiceAndChangesNothing() {
        iterations("loop", 10);

        PruneReport report = prune(NOTHING_PENDING, CleanupPolicy.Type.MOST_RECENT, 4, true);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.pruned()).isEqualTo(16);
        assertThat(report.outputs()).hasSize(16);
        assertThat(kept()).hasSize(20);
    }

    @Test
    void theObjectsOfPrunedRecordsAreQueuedForDeletionUnlessAnotherRecordPointsAtThem() {
        OnVertx.await(() -> recorder.record(Records.truncated(run, "big", 1, "tail\n", 5_000_000, "runs/" + run + "/big/1.gz", start)));
        OnVertx.await(() -> recorder.record(Records.truncated(run, "big", 2, "tail\n", 5_000_000, "runs/" + run + "/big/2.gz", start.plusSeconds(1))));
        OnVertx.await(() -> recorder.record(Records.truncated(run, "copy", 1, "tail\n", 5_000_000, "runs/" + run + "/big/2.gz", start.plusSeconds(2))));

        PruneReport report = prune(NOTHING_PENDING, CleanupPolicy.Type.MOST_RECENT, 2, false);

        assertThat(report.objectsToDelete()).isEqualTo(1);
        List<ObjectDeletion> queued = OnVertx.await(() -> Panache.withSession(() -> ObjectDeletion.<ObjectDeletion>list("runId", run)));
        assertThat(queued).extracting(row -> row.objectKey).containsExactly("runs/" + run + "/big/1.gz");
    }

    @Test
    void theEveryNOutputsTriggerPrunesByTheRunsStrategy() {
        iterations("loop", 12);
        RunNeeds needs = new RunNeeds(run, false, new CleanupPolicy(CleanupPolicy.Type.MOST_RECENT, 4, 10, null), Map.of(), Set.of(),
                Set.of());

        OnVertx.await(() -> housekeeping.passWith(run, needs));

        assertThat(kept()).hasSize(4);
        given().get("/api/v1/runs/{run}/context-metrics", run).then().statusCode(200)
                .body("pruned_outputs", equalTo(20))
                .body("prune_passes", equalTo(1))
                .body("outputs", equalTo(4))
                .body("warnings[0]", containsString("removed more outputs than it kept"));
    }

    @Test
    void theKeptBytesTriggerPrunesOnceTheRunKeepsMoreThanItsBound() {
        iterations("loop", 3);
        RunNeeds below = new RunNeeds(run, false, new CleanupPolicy(CleanupPolicy.Type.MOST_RECENT, 2, 1000, 1_000_000L), Map.of(),
                Set.of(), Set.of());
        OnVertx.await(() -> housekeeping.passWith(run, below));
        assertThat(kept()).hasSize(6);

        RunNeeds above = new RunNeeds(run, false, new CleanupPolicy(CleanupPolicy.Type.MOST_RECENT, 2, 1000, 1024L), Map.of(), Set.of(),
                Set.of());
        StringBuilder big = new StringBuilder();
        big.append("x".repeat(2000)).append('\n');
        OnVertx.await(() -> recorder.record(Records.result(run, "loop", 4, big.toString(), start.plusSeconds(4))));
        OnVertx.await(() -> housekeeping.passWith(run, above));

        assertThat(kept()).hasSize(2);
    }

    @Test
    void storedRelevanceFollowsTheTasksStillToRun() {
        iterations("a", 1);
        OnVertx.await(() -> housekeeping.passWith(run, needs(Map.of("a", 1.0), Set.of("a"), Set.of("b"))));
        given().queryParam("task", "a").get("/api/v1/runs/{run}/outputs", run).then().body("items[0].relevance_score", equalTo(1.0f));

        OnVertx.await(() -> housekeeping.passWith(run, needs(Map.of("a", 0.4), Set.of(), Set.of("c"))));
        given().queryParam("task", "a").get("/api/v1/runs/{run}/outputs", run).then().body("items[0].relevance_score", equalTo(0.4f));
    }
}
