package dev.spool.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                new TaskCommand.Script("set -x\nls\n"))) {
            TaskDispatch dispatch = new TaskDispatch(run, "t", attempt, 1, command, Map.of("A", "b"), OutputLimits.DEFAULTS,
                    Instant.parse("2026-01-01T00:00:00Z"));
            String bySnakeCase = snakeCase.writeValueAsString(dispatch);
            assertThat(plain.writeValueAsString(dispatch)).isEqualTo(bySnakeCase);
            assertThat(plain.readValue(bySnakeCase, TaskDispatch.class)).isEqualTo(dispatch);
        }
    }

    @Test
    void aResultUsesSnakeCaseFieldNames() throws Exception {
        CapturedOutput stdout = new CapturedOutput(StreamName.STDOUT, "x", 10, 1, 1, true, TruncationStrategy.TAIL,
                new CapturedOutput.StoredObject("runs/k", 5), null);
        CapturedOutput stderr = new CapturedOutput(StreamName.STDERR, "", 0, 0, 0, false, TruncationStrategy.TAIL, null, null);
        TaskResult result = new TaskResult(run, "t", attempt, 2, "w", TaskStatus.FAILED, 3, null,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z"), stdout, stderr);
        String json = plain.writeValueAsString(result);
        assertThat(json).contains("\"exit_code\":3", "\"original_bytes\":10", "\"stored_object\":{\"key\":\"runs/k\",\"compressed_bytes\":5}",
                "\"strategy\":\"tail\"", "\"stream\":\"stdout\"");
        assertThat(snakeCase.readValue(json, TaskResult.class)).isEqualTo(result);
    }

    @Test
    void aStartedEventCarriesItsTypeTag() throws Exception {
        TaskEvent started = new TaskEvent.Started(run, "t", attempt, "w", Instant.parse("2026-01-01T00:00:00Z"));
        String json = plain.writeValueAsString(started);
        assertThat(json).contains("\"type\":\"started\"", "\"worker_id\":\"w\"");
        assertThat(snakeCase.readValue(json, TaskEvent.class)).isEqualTo(started);
    }
}
