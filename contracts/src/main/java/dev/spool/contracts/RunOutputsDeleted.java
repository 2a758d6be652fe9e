package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.UUID;

/**
 * {@code DELETE /api/v1/outputs/{runId}} on the state-service, asked by the scheduler's retention: a run's records and
 * stored objects deleted; safe to repeat (a second time deletes nothing).
 *
 * @param outputs the records deleted
 * @param objects the objects deleted from the bucket
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunOutputsDeleted(UUID runId, long outputs, int objects) {
}
