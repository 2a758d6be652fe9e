package dev.spool.state.repository;

import dev.spool.state.model.RunContext;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

@ApplicationScoped
public class RunContextRepository implements PanacheRepositoryBase<RunContext, UUID> {

    /**
     * Counts outputs towards the "every N outputs" pruning trigger of each run, making the rows runs lack: one statement
     * for a batch however many runs it holds. Rows are taken in the order of their ids, so that two transactions counting
     * for the same runs cannot wait for each other.
     */
    public Uni<Void> countRecorded(Map<UUID, Integer> outputsPerRun) {
        return upsert(new TreeMap<>(outputsPerRun), true);
    }

    /** Runs whose relevance and pruning were not looked at since results were recorded. */
    public Uni<java.util.List<UUID>> due(int max) {
        return find("select runId from RunContext where housekeepingDue = true order by updatedAt")
                .project(UUID.class).page(io.quarkus.panache.common.Page.ofSize(max)).list();
    }

    /** The run's row, made when it has none. */
    public Uni<RunContext> of(UUID runId) {
        return findById(runId).chain(found -> found != null ? Uni.createFrom().item(found)
                : upsert(Map.of(runId, 0), false).chain(() -> findById(runId)));
    }

    /** The one place a row is made: concurrent makers of the same row meet in the conflict clause, not in an error. */
    private Uni<Void> upsert(Map<UUID, Integer> outputsPerRun, boolean due) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < outputsPerRun.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:run%d, :outputs%d, :outputs%d, :due, now())".formatted(i, i, i));
        }
        String sql = "insert into state.run_context (run_id, outputs_since_prune, outputs_recorded, housekeeping_due, updated_at) values "
                + values + " on conflict (run_id) do update set"
                + " outputs_since_prune = run_context.outputs_since_prune + excluded.outputs_since_prune,"
                + " outputs_recorded = run_context.outputs_recorded + excluded.outputs_recorded,"
                + " housekeeping_due = run_context.housekeeping_due or excluded.housekeeping_due, updated_at = excluded.updated_at";
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql).setParameter("due", due);
            int i = 0;
            for (Map.Entry<UUID, Integer> run : outputsPerRun.entrySet()) {
                query.setParameter("run" + i, run.getKey()).setParameter("outputs" + i, run.getValue());
                i++;
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
