package dev.spool.scheduler.repository;

import dev.spool.scheduler.model.AuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** Filters of the audit listing; each may be null (a null tenant: every tenant's). */
    public record AuditFilter(String tenant, String action, String actor, Instant since, Instant until, Long before) {
    }

    /** Newest first, {@code max} at most, older than the entry {@code before} when it is set. */
    public Uni<List<AuditEntry>> list(AuditFilter filter, int max) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.tenant() != null) {
            where.add("tenant = :tenant");
            parameters.and("tenant", filter.tenant());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            parameters.and("action", filter.action());
        }
        if (filter.actor() != null) {
            where.add("actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.since() != null) {
            where.add("at >= :since");
            parameters.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.add("at < :until");
            parameters.and("until", filter.until());
        }
        if (filter.before() != null) {
            where.add("id < :before");
            parameters.and("before", filter.before());
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return find(query, Sort.descending("id"), parameters).page(0, max).list();
    }

    /** The audit retention, the only deletion the log knows. */
    public Uni<Long> deleteBefore(Instant cutoff) {
        return delete("at < ?1", cutoff);
    }
}
