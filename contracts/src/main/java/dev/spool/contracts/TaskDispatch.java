package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One attempt of one task, ready to run. Every attempt has its own id; results refer to it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskDispatch(
        UUID runId,
        String taskId,
        UUID attemptId,
        int attempt,
        TaskCommand command,
        Map<String, String> env,
        OutputLimits limits,
        Instant dispatchedAt) {

    public TaskDispatch {
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
