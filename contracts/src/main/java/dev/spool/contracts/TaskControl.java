package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/** An order for running attempts. Every worker reads every control message and acts on the attempts it runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = TaskControl.Cancel.class, name = "cancel")})
public sealed interface TaskControl extends WireMessage {

    /**
     * Stop attempts as a timeout would, and report them CANCELLED. A null {@code taskId} means every task of the
     * run; a null {@code attemptId} means whichever attempt of the task is running.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cancel(UUID runId, String taskId, UUID attemptId, String reason) implements TaskControl {

        @Override
        public boolean complete() {
            return runId != null;
        }

        public boolean covers(UUID run, String task, UUID attempt) {
            return runId.equals(run)
                    && (taskId == null || taskId.equals(task))
                    && (attemptId == null || attemptId.equals(attempt));
        }
    }
}
