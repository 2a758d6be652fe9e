package dev.spool.scheduler.mapping;

import dev.spool.scheduler.model.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page of {@code GET /api/v1/runs}, newest first; {@code next_cursor} fetches the next page, null on the last. */
public record RunPage(List<RunSummary> runs, String nextCursor) {

    public record RunSummary(UUID id, String name, RunStatus status, Instant createdAt, Instant finishedAt) {
    }
}
