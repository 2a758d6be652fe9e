package dev.spool.state;

import dev.spool.support.testing.OnVertx;
import dev.spool.support.testing.EmbeddedPostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.contracts.context.Relevance;
import dev.spool.state.context.ContextBuilder;
import dev.spool.state.context.TokenCounter;
import dev.spool.state.service.OutputRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.spool.support.testing.InternalCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * How a task's context is chosen and cut. The requests are written as the scheduler resolves them from a workflow:
 * ancestors scored by the graph, the agent label, the window.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class ContextBuilderTest {

    @Inject
    OutputRecorder recorder;
    @Inject
    ContextBuilder builder;
    @Inject
    TokenCounter tokens;

    private final UUID run = UUID.randomUUID();
    private final Instant start = Instant.now().minusSeconds(3600);

    private void record(String task, String stdout, int secondsAfterStart) {
        OnVertx.await(() -> recorder.record(Records.result(run, task, 1, stdout, start.plusSeconds(secondsAfterStart))));
    }

    private static ContextSource source(String task, int depth) {
        return new ContextSource(task, Relevance.ofDepth(depth), depth == 1 ? "direct dependency" : "upstream, " + depth + " dependencies away");
    }

    private ContextRequest automatic(String task, double minRelevance, long maxBytes, int maxTasks, Integer maxTokens,
                                     List<ContextSource> sources) {
        return new ContextRequest(run, task, 1, "automatic", "text", false, maxBytes, maxTasks, maxTokens, minRelevance, null, null,
                sources, List.of(), List.of(), false, false);
    }

    private ContextDocument deliver(ContextRequest request) {
        return OnVertx.await(() -> builder.deliver(request));
    }

    @Test
    void onADiamondTheDirectDependenciesComeFirstAndTheSharedAncestorOnlyWhenTheThresholdReachesIt() {
        record("fetch", "fetched 3 files\n", 1);
        record("left", "left half done\n", 2);
        record("right", "right half done\n", 3);
        List<ContextSource> sources = List.of(source("left", 1), source("right", 1), source("fetch", 2));

        ContextDocument byDefault = deliver(automatic("join", 0.5, 65536, 10, null, sources));
        assertThat(byDefault.entries()).extracting(ContextDocument.Entry::taskId).containsExactly("right", "left");
        assertThat(byDefault.content()).contains("=== right · attempt 1 · SUCCEEDED · exit code 0 · relevance 1.00 (direct dependency) ===",
                "right half done", "left half done").doesNotContain("fetched");

        ContextDocument deeper = deliver(automatic("join", 0.4, 65536, 10, null, sources));
        assertThat(deeper.entries()).extracting(ContextDocument.Entry::taskId).containsExactly("right", "left", "fetch");
        assertThat(deeper.entries().getLast().relevance()).isEqualTo(0.4);
    }

    @Test
    void onADeepChainRelevanceFallsWithDepth() {
        for (int i = 1; i <= 5; i++) {
            record("step" + i, "output of step " + i + "\n", i);
        }
        List<ContextSource> sources = List.of(source("step5", 1), source("step4", 2), source("step3", 3), source("step2", 4), source("step1", 5));

        ContextDocument document = deliver(automatic("step6", 0.2, 65536, 10, null, sources));

        assertThat(document.entries()).extracting(ContextDocument.Entry::taskId).containsExactly("step5", "step4", "step3", "step2");
        assertThat(document.entries()).extracting(ContextDocument.Entry::relevance).containsExactly(1.0, 0.4, 0.267, 0.2);
    }

    @Test
    void tasksOfTheSameAgentScoreHalfAndRecentOnesWithinTheWindowAThird() {
        OnVertx.await(() -> recorder.record(Records.result(run, "draft", 1, "a first draft\n", null, "writer", start.plusSeconds(1))));
        OnVertx.await(() -> recorder.record(Records.result(run, "lint", 1, "3 warnings\n", null, null, Instant.now().minusSeconds(5))));
        OnVertx.await(() -> recorder.record(Records.result(run, "old", 1, "long ago\n", null, null, start)));
        ContextRequest request = new ContextRequest(run, "edit", 1, "automatic", "text", false, 65536, 10, null, 0.3, 60_000L, "writer",
                List.of(), List.of(), List.of(), false, false);

        ContextDocument document = deliver(request);

        assertThat(document.entries()).extracting(ContextDocument.Entry::taskId, ContextDocument.Entry::relevance)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("draft", 0.5), org.assertj.core.groups.Tuple.tuple("lint", 0.3));
        assertThat(document.entries().getFirst().reason()).isEqualTo("same agent 'writer'");
    }

    @Test
    void manualModeTakesWhatIncludeNamesAndExcludeDoesNot() {
        record("test-unit", "unit ok\n", 1);
        record("test-e2e", "e2e ok\n", 2);
        record("test-flaky", "flaky\n", 3);
        record("build", "built\n", 4);
        ContextRequest request = new ContextRequest(run, "report", 1, "manual", "text", false, 65536, 10, null, 0, null, null,
                List.of(source("build", 1)), List.of("test-*", "build"), List.of("*flaky"), false, false);

        ContextDocument document = deliver(request);

        assertThat(document.entries()).extracting(ContextDocument.Entry::taskId).containsExactly("build", "test-e2e", "test-unit");
    }

    @Test
    void noneOfTheRestOfTheRunComesInUnlessMinRelevanceIsZero() {
        record("a", "a\n", 1);
        record("unrelated", "noise\n", 2);
        ContextRequest zero = new ContextRequest(run, "t", 1, "automatic", "text", false, 65536, 10, null, 0, null, null,
                List.of(source("a", 1)), List.of(), List.of(), false, true);

        assertThat(deliver(automatic("t", 0.5, 65536, 10, null, List.of(source("a", 1)))).entries())
                .extracting(ContextDocument.Entry::taskId).containsExactly("a");
        assertThat(deliver(zero).entries()).extracting(ContextDocument.Entry::taskId).containsExactly("a", "unrelated");
    }

    @Test
    void aPieceThatDoesNotFitTheByteBudgetIsShortenedByItsStrategyWithAMarker() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            log.append("line ").append(i).append(" of the build log\n");
        }
        record("build", log.toString(), 1);
        record("lint", "clean\n", 2);

        ContextDocument document = deliver(automatic("report", 0.5, 2048, 10, null, List.of(source("build", 1), source("lint", 1))));

        assertThat(document.bytes()).isLessThanOrEqualTo(2048);
        assertThat(document.content().getBytes(StandardCharsets.UTF_8)).hasSize((int) document.bytes());
        ContextDocument.Entry build = document.entries().stream().filter(e -> e.taskId().equals("build")).findFirst().orElseThrow();
        assertThat(build.shortened()).isTrue();
        // The build log's strategy is tail: its end survives, and a marker says what was cut.
        assertThat(document.content()).contains("line 399 of the build log", "bytes (", "truncated ...]").doesNotContain("line 0 of");
    }

    @Test
    void maxTasksKeepsTheMostRelevantAndSaysWhatWasLeftOut() {
        record("a", "a\n", 1);
        record("b", "b\n", 2);
        record("c", "c\n", 3);

        ContextDocument document = deliver(automatic("t", 0.3, 65536, 2, null, List.of(source("a", 2), source("b", 1), source("c", 1))));

        assertThat(document.entries()).extracting(ContextDocument.Entry::taskId).containsExactly("c", "b");
        assertThat(document.omitted()).singleElement().satisfies(omitted -> {
            assertThat(omitted.taskId()).isEqualTo("a");
            assertThat(omitted.reason()).contains("max_tasks (2)");
        });
    }

    @Test
    void aTokenBudgetIsCountedByTheTokenizerAndHeld() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("token").append(i).append(' ');
        }
        record("big", text.append('\n').toString(), 1);

        ContextDocument document = deliver(automatic("t", 0.5, 1_000_000, 10, 300, List.of(source("big", 1))));

        assertThat(document.tokens()).isNotNull().isLessThanOrEqualTo(300).isEqualTo(tokens.count(document.content()));
        assertThat(document.entries()).singleElement().satisfies(entry -> assertThat(entry.shortened()).isTrue());
    }

    @Test
    void theJsonFormatIsAParseableDocumentOfTheOutputs() throws Exception {
        record("a", "hello \"world\"\n", 1);
        ContextRequest request = new ContextRequest(run, "t", 1, "automatic", "json", false, 65536, 10, null, 0.5, null, null,
                List.of(source("a", 1)), List.of(), List.of(), false, false);

        JsonNode document = new ObjectMapper().readTree(deliver(request).content());

        assertThat(document.path("outputs").get(0).path("task_id").asText()).isEqualTo("a");
        assertThat(document.path("outputs").get(0).path("content").asText()).isEqualTo("hello \"world\"\n");
    }

    @Test
    void deliveringMarksTheOutputsUsedAndAPreviewDoesNot() {
        record("a", "a\n", 1);
        record("b", "b\n", 2);
        OnVertx.await(() -> builder.preview(automatic("t", 0.5, 65536, 10, null, List.of(source("b", 1)))));
        given().queryParam("task", "b").queryParam("type", "stdout").get("/api/v1/runs/{run}/outputs", run).then()
                .body("items[0].depended_by", equalTo(List.of())).body("items[0].last_accessed", equalTo(null));

        deliver(automatic("t", 0.5, 65536, 10, null, List.of(source("a", 1))));

        given().queryParam("task", "a").queryParam("type", "stdout").get("/api/v1/runs/{run}/outputs", run).then()
                .body("items[0].depended_by", hasItem("t")).body("items[0].last_accessed", notNullValue());
        given().get("/api/v1/context/{run}/t", run).then().statusCode(200).body("delivered", equalTo(true))
                .body("entries[0].task_id", equalTo("a"));
    }

    @Test
    void aLoopSeesItsOwnEarlierIterationsTheLatestFirst() {
        for (int i = 1; i <= 3; i++) {
            int attempt = i;
            OnVertx.await(() -> recorder.record(Records.result(run, "refine", attempt, "draft " + attempt + "\n", start.plusSeconds(attempt))));
        }
        ContextRequest request = new ContextRequest(run, "refine", 4, "automatic", "text", false, 65536, 10, null, 0.4, null, null,
                List.of(), List.of(), List.of(), true, false);

        ContextDocument document = deliver(request);

        assertThat(document.entries()).extracting(ContextDocument.Entry::attempt).containsExactly(3, 2);
        assertThat(document.content()).contains("draft 3", "draft 2").doesNotContain("draft 1");
    }
}
