package dev.spool.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spool.contracts.context.CleanupPolicy;
import dev.spool.contracts.context.ContextDocument;
import dev.spool.contracts.context.ContextMetrics;
import dev.spool.contracts.context.ContextRequest;
import dev.spool.contracts.context.ContextSource;
import dev.spool.contracts.context.PruneReport;
import dev.spool.contracts.context.RunNeeds;
import dev.spool.contracts.context.RunWarnings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The services configure their own mappers differently; the messages between them must not depend on that. */
class WireFormatTest {

    private final ObjectMapper plain = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final ObjectMapper snakeCase = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private final UUID run = UUID.randomUUID();
    private final UUID attempt = UUID.randomUUID();

    @Test
    void everyKindOfCommandReadsBackTheSameWhicheverMapperWroteIt() throws Exception {
        for (TaskCommand command : List.of(new TaskCommand.Argv(List.of("ls", "-l")), new TaskCommand.Shell("ls | wc -l"),
                new TaskCommand.Script("set -x\nls\n"),
                new TaskCommand.PlatformSpecific(new TaskCommand.Shell("ls"), new TaskCommand.Argv(List.of("dir")), null))) {
            for (TaskTimeout timeout : List.of(new TaskTimeout.Fixed(2_000), new TaskTimeout.Adaptive(1_000, 9_000, 1.5, "data"))) {
                TaskDispatch dispatch = new TaskDispatch(run, "t", attempt, 1, command, Map.of("A", "b", "TOKEN", "x"), Set.of("TOKEN"),
                        OutputLimits.DEFAULTS, timeout, new ResourceLimits(64L, null, 100L, null, true), List.of(0, 3), true,
                        Instant.parse("2026-01-01T00:00:00Z"), Map.of("DB_PASSWORD", "db-password"), "reviewer", context());
                String bySnakeCase = snakeCase.writeValueAsString(dispatch);
                assertThat(plain.writeValueAsString(dispatch)).isEqualTo(bySnakeCase);
                assertThat(plain.readValue(bySnakeCase, TaskDispatch.class)).isEqualTo(dispatch);
            }
        }
    }

    @Test
    void aDispatchWithoutTheNewerFieldsGetsTheDefaults() throws Exception {
        String json = """
                {"run_id":"%s","task_id":"t","attempt_id":"%s","attempt":1,"command":{"type":"shell","command_line":"true"},
                 "env":{},"dispatched_at":"2026-01-01T00:00:00Z"}""".formatted(run, attempt);
        TaskDispatch dispatch = plain.readValue(json, TaskDispatch.class);
        assertThat(dispatch.successExitCodes()).containsExactly(0);
        assertThat(dispatch.timeout()).isEqualTo(TaskTimeout.Fixed.of(TaskTimeout.DEFAULT));
        assertThat(dispatch.limits()).isEqualTo(OutputLimits.DEFAULTS);
        assertThat(dispatch.resources()).isEqualTo(ResourceLimits.NONE);
    }

    @Test
    void controlAndProgressMessagesCarryTheirTypeTags() throws Exception {
        TaskControl cancel = new TaskControl.Cancel(run, null, null, "user asked");
        assertThat(plain.writeValueAsString(cancel)).contains("\"type\":\"cancel\"", "\"run_id\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(cancel), TaskControl.class)).isEqualTo(cancel);
        TaskEvent beat = new TaskEvent.Heartbeat(run, "t", attempt, "w", Instant.parse("2026-01-01T00:00:00Z"), 10, 1, 0, 0, 250, 4096);
        assertThat(plain.writeValueAsString(beat)).contains("\"type\":\"heartbeat\"", "\"cpu_millis\":250");
        assertThat(snakeCase.readValue(plain.writeValueAsString(beat), TaskEvent.class)).isEqualTo(beat);
        TaskEvent finished = new TaskEvent.Finished(run, "t", attempt, "w", Instant.parse("2026-01-01T00:00:01Z"), TaskStatus.SUCCEEDED);
        assertThat(plain.writeValueAsString(finished)).contains("\"type\":\"finished\"", "\"status\":\"SUCCEEDED\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(finished), TaskEvent.class)).isEqualTo(finished);
    }

    @Test
    void aDeadLetterKeepsTheMessageItCouldNotApply() throws Exception {
        DeadLetter letter = new DeadLetter(Topics.TASK_RESULTS, "state", run, "t", attempt, "cannot store it", "{\"x\":1}",
                Instant.parse("2026-01-01T00:00:02Z"));
        assertThat(plain.readValue(plain.writeValueAsString(letter), DeadLetter.class)).isEqualTo(letter);
    }

    @Test
    void aCancelForARunCoversEachOfItsAttemptsButNoOther() {
        TaskControl.Cancel wholeRun = new TaskControl.Cancel(run, null, null, null);
        assertThat(wholeRun.covers(run, "any", UUID.randomUUID())).isTrue();
        assertThat(wholeRun.covers(UUID.randomUUID(), "any", attempt)).isFalse();
        TaskControl.Cancel oneTask = new TaskControl.Cancel(run, "a", null, null);
        assertThat(oneTask.covers(run, "a", attempt)).isTrue();
        assertThat(oneTask.covers(run, "b", attempt)).isFalse();
    }

    @Test
    void aPlatformSpecificCommandPicksTheVariantForTheOsThenCross() {
        TaskCommand unix = new TaskCommand.Shell("ls");
        TaskCommand cross = new TaskCommand.Shell("echo any");
        assertThat(new TaskCommand.PlatformSpecific(unix, null, cross).forOs("Linux")).isEqualTo(unix);
        assertThat(new TaskCommand.PlatformSpecific(unix, null, cross).forOs("Windows 11")).isEqualTo(cross);
        assertThat(new TaskCommand.PlatformSpecific(null, unix, null).forOs("Mac OS X")).isNull();
    }

    @Test
    void aResultUsesSnakeCaseFieldNames() throws Exception {
        CapturedOutput stdout = new CapturedOutput(StreamName.STDOUT, "x", 10, 1, 1, true, TruncationStrategy.TAIL, false,
                new CapturedOutput.StoredObject("runs/k", 5, 10, "ab12", true, false), false, null);
        CapturedOutput stderr = CapturedOutput.empty(StreamName.STDERR, TruncationStrategy.TAIL);
        TaskResult result = new TaskResult(run, "t", attempt, 2, "w", TaskStatus.RESOURCE_EXCEEDED, 3, null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"), stdout, stderr,
                new ResourceUsage(1000, 20, 10, 4096, 77, "max_memory_mb=watchdog", "max_memory_mb", "cgroup", 70001, 2), "{\"version\":\"1.2\"}",
                List.of("SPOOL_RESULT_FILE held 70,000 bytes"), "reviewer");
        String json = plain.writeValueAsString(result);
        assertThat(json).contains("\"exit_code\":3", "\"original_bytes\":10", "\"sha256\":\"ab12\"", "\"object_bytes\":5",
                "\"strategy\":\"tail\"", "\"stream\":\"stdout\"", "\"status\":\"RESOURCE_EXCEEDED\"", "\"peak_rss_bytes\":4096",
                "\"external_storage_failed\":false", "\"containment\":\"cgroup\"", "\"task_uid\":70001", "\"leftovers_killed\":2", "\"result\":\"{\\\"version\\\":\\\"1.2\\\"}\"", "\"agent\":\"reviewer\"");
        assertThat(snakeCase.readValue(json, TaskResult.class)).isEqualTo(result);
    }

    @Test
    void aKeptTextTooLargeForTheMessageTravelsAsAReference() throws Exception {
        CapturedOutput large = new CapturedOutput(StreamName.STDOUT, "the tail", 90_000_000, 1_000_000, 50_000_000, true,
                TruncationStrategy.TAIL, false, null, false, null)
                .withKeptTextStored(new CapturedOutput.KeptTextObject("runs/x/t/a/w/stdout.kept.gz", 50_000_000, "cd34"));
        assertThat(large.text()).isEmpty();
        String json = plain.writeValueAsString(large);
        assertThat(json).contains("\"kept_text_object\":{\"key\":\"runs/x/t/a/w/stdout.kept.gz\",\"bytes\":50000000,\"sha256\":\"cd34\"}");
        assertThat(snakeCase.readValue(json, CapturedOutput.class)).isEqualTo(large);

        String older = "{\"stream\":\"stdout\",\"text\":\"x\",\"original_bytes\":1,\"original_lines\":0,\"kept_bytes\":1,\"truncated\":false,"
                + "\"strategy\":\"tail\",\"binary\":false,\"external_storage_failed\":false}";
        assertThat(snakeCase.readValue(older, CapturedOutput.class).keptTextObject()).as("a result from a worker before claim checks").isNull();
    }

    @Test
    void anOutputRecordedEventCarriesTheResultAndTheWarnings() throws Exception {
        TaskResult result = new TaskResult(run, "t", attempt, 1, "w", TaskStatus.SUCCEEDED, 0, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:01Z"), CapturedOutput.empty(StreamName.STDOUT, TruncationStrategy.TAIL),
                CapturedOutput.empty(StreamName.STDERR, TruncationStrategy.TAIL), null, "{\"ok\":true}", List.of("a warning"), null);
        OutputRecorded recorded = OutputRecorded.of(result);
        assertThat(recorded.result()).isEqualTo("{\"ok\":true}");
        assertThat(snakeCase.readValue(plain.writeValueAsString(recorded), OutputRecorded.class)).isEqualTo(recorded);
    }

    @Test
    void theContextBodiesBetweenTheServicesReadBack() throws Exception {
        ContextRequest request = context();
        assertThat(plain.writeValueAsString(request)).contains("\"max_bytes\":4096", "\"own_iterations\":true");
        assertThat(snakeCase.readValue(plain.writeValueAsString(request), ContextRequest.class)).isEqualTo(request);

        ContextDocument document = new ContextDocument(run, "t", 2, "text", "=== a ===\nok\n", 14, 6,
                new ContextDocument.Budget(4096, 5, 1000, 0.5),
                List.of(new ContextDocument.Entry("a", 1, "stdout", "SUCCEEDED", 0, 1.0, "direct dependency", 3, 3, 3, false, false, null)),
                List.of(new ContextDocument.Omitted("b", 1, "stdout", 0.4, "over max_tasks (5)")), 1, Instant.parse("2026-01-01T00:00:00Z"), true);
        assertThat(snakeCase.readValue(plain.writeValueAsString(document), ContextDocument.class)).isEqualTo(document);

        RunNeeds needs = new RunNeeds(run, false, new CleanupPolicy(CleanupPolicy.Type.HIGHEST_RELEVANCE, 20, 10, 1_000_000L),
                Map.of("a", 1.0), Set.of("a"), Set.of("b"));
        assertThat(plain.writeValueAsString(needs)).contains("\"type\":\"highest_relevance\"", "\"keep_count\":20");
        assertThat(snakeCase.readValue(plain.writeValueAsString(needs), RunNeeds.class)).isEqualTo(needs);

        PruneReport report = new PruneReport(run, true, "most_recent", 20, 40, 22, 2, 18, 1800, 18,
                List.of(new PruneReport.Pruned("loop", 3, "stdout", 100, 0.2)));
        assertThat(snakeCase.readValue(plain.writeValueAsString(report), PruneReport.class)).isEqualTo(report);

        ContextMetrics metrics = new ContextMetrics(run, 40, 4000, 90000, 1_000_000, 3, 0.075, 18, 1800, 2,
                Instant.parse("2026-01-01T00:00:00Z"), 0.4, List.of(new ContextMetrics.Largest("a", 1, "stdout", 900_000, 1000, "runs/x.gz")),
                List.of("near its budget"));
        assertThat(snakeCase.readValue(plain.writeValueAsString(metrics), ContextMetrics.class)).isEqualTo(metrics);

        PresignedUrl link = new PresignedUrl("http://s3.example/spool-outputs/runs/x/stdout.gz?X-Amz-Signature=ab",
                Instant.parse("2026-01-01T00:15:00Z"));
        assertThat(plain.writeValueAsString(link)).contains("\"expires_at\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(link), PresignedUrl.class)).isEqualTo(link);

        RunWarnings warnings = new RunWarnings(run, List.of("pruning removed more than it kept: raise keep_count"));
        assertThat(plain.writeValueAsString(warnings)).contains("\"run_id\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(warnings), RunWarnings.class)).isEqualTo(warnings);

        TaskOutputView view = new TaskOutputView(run, "t", attempt, 1, "result", "result", "SUCCEEDED", 0, "{}", 2, 2, 0, 2, false,
                "tail", false, null, null, null, null, null, false, false, null, 0.5, Instant.parse("2026-01-01T00:00:00Z"),
                List.of("b"), null, Instant.parse("2026-01-01T00:00:00Z"), ResourceUsage.NONE, "runs/x/t/a/w/stdout.kept.gz");
        OutputPage page = new OutputPage(List.of(view), "abc");
        assertThat(plain.writeValueAsString(page)).contains("\"output_type\":\"result\"", "\"depended_by\":[\"b\"]", "\"next_cursor\":\"abc\"", "\"kept_text_key\":\"runs/x/t/a/w/stdout.kept.gz\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(page), OutputPage.class)).isEqualTo(page);
    }

    @Test
    void theStorageBodiesBetweenTheServicesReadBack() throws Exception {
        RunOutputsDeleted deleted = new RunOutputsDeleted(run, 40, 12);
        assertThat(plain.writeValueAsString(deleted)).contains("\"run_id\"", "\"outputs\":40", "\"objects\":12");
        assertThat(snakeCase.readValue(plain.writeValueAsString(deleted), RunOutputsDeleted.class)).isEqualTo(deleted);

        dev.spool.contracts.storage.ObjectReferenceQuery query = new dev.spool.contracts.storage.ObjectReferenceQuery(List.of("runs/a", "runs/b"));
        assertThat(snakeCase.readValue(plain.writeValueAsString(query), dev.spool.contracts.storage.ObjectReferenceQuery.class)).isEqualTo(query);
        var referenced = new dev.spool.contracts.storage.ObjectReferenceQuery.Referenced(List.of("runs/a"));
        assertThat(snakeCase.readValue(plain.writeValueAsString(referenced), dev.spool.contracts.storage.ObjectReferenceQuery.Referenced.class))
                .isEqualTo(referenced);

        var sweep = new dev.spool.contracts.storage.SweepReport(true, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:02Z"),
                10, 1, 2, 5, 1, 1, 0, List.of("runs/x"), null);
        assertThat(plain.writeValueAsString(sweep)).contains("\"dry_run\":true", "\"orphaned\":2", "\"started_at\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(sweep), dev.spool.contracts.storage.SweepReport.class)).isEqualTo(sweep);

        var usage = new dev.spool.contracts.storage.StorageUsage(run, 3, 1000, 9000, 9.0,
                new dev.spool.contracts.storage.StorageUsage.Bucket("spool-outputs", false, 31, sweep));
        assertThat(plain.writeValueAsString(usage)).contains("\"compression_ratio\":9.0", "\"lifecycle_supported\":false", "\"last_sweep\"");
        assertThat(snakeCase.readValue(plain.writeValueAsString(usage), dev.spool.contracts.storage.StorageUsage.class)).isEqualTo(usage);
        assertThat(dev.spool.contracts.storage.StorageUsage.ratio(9000, 1000)).isEqualTo(9.0);
        assertThat(dev.spool.contracts.storage.StorageUsage.ratio(5, 0)).isZero();

        var deletedObjects = new ObjectDeletionRequest.Deleted(7);
        assertThat(snakeCase.readValue(plain.writeValueAsString(deletedObjects), ObjectDeletionRequest.Deleted.class)).isEqualTo(deletedObjects);
    }

    @Test
    void aStoredObjectReadsBackWhicheverMapperWroteIt() throws Exception {
        StoredObject stored = new StoredObject("runs/x/stdout.gz", 49, StoredObject.GZIP, "ab12");
        assertThat(plain.writeValueAsString(stored)).contains("\"size_bytes\":49", "\"content_type\":\"application/gzip\"");
        assertThat(plain.readValue(snakeCase.writeValueAsString(stored), StoredObject.class)).isEqualTo(stored);
        assertThat(stored.gzipped()).isTrue();
    }

    private ContextRequest context() {
        return new ContextRequest(run, "t", 2, "automatic", "text", true, 4096, 5, 1000, 0.5, 60_000L, "reviewer",
                List.of(new ContextSource("a", 1.0, "direct dependency")), List.of(), List.of(), true, false);
    }

    @Test
    void aStartedEventCarriesItsTypeTag() throws Exception {
        TaskEvent started = new TaskEvent.Started(run, "t", attempt, "w", Instant.parse("2026-01-01T00:00:00Z"));
        String json = plain.writeValueAsString(started);
        assertThat(json).contains("\"type\":\"started\"", "\"worker_id\":\"w\"");
        assertThat(snakeCase.readValue(json, TaskEvent.class)).isEqualTo(started);
    }
}
