package dev.spool.scheduler.mapping;

import dev.spool.scheduler.model.AuditEntry;

import java.time.Instant;
import java.util.List;

/** A page of {@code GET /api/v1/audit}, newest first; {@code next_cursor} fetches the next, null on the last. */
public record AuditPage(List<Entry> entries, String nextCursor) {

    public record Entry(long id, Instant at, String tenant, String actor, String role, String action, String target,
                        String source, int outcome) {
        public static Entry of(AuditEntry entry) {
            return new Entry(entry.id, entry.at, entry.tenant, entry.actor, entry.role, entry.action, entry.target,
                    entry.source, entry.outcome);
        }
    }
}
