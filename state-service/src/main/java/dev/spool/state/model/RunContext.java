package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A run's pruning: what its triggers count, what pruning did, and the warnings the run shows. The recorder counts
 * with statements of their own while a pass may hold the row; an update writes only the columns it changed.
 */
@Entity
@org.hibernate.annotations.DynamicUpdate
@Table(name = "run_context")
public class RunContext extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "outputs_since_prune", nullable = false)
    public int outputsSincePrune;

    @Column(name = "housekeeping_due", nullable = false)
    public boolean housekeepingDue;

    @Column(name = "outputs_recorded", nullable = false)
    public long outputsRecorded;

    /** Outputs recorded when the last summary was logged; -1 once the end-of-run summary was. */
    @Column(name = "summarized_outputs", nullable = false)
    public long summarizedOutputs;

    @Column(name = "prune_passes", nullable = false)
    public long prunePasses;

    @Column(name = "pruned_outputs", nullable = false)
    public long prunedOutputs;

    @Column(name = "pruned_bytes", nullable = false)
    public long prunedBytes;

    @Column(name = "last_pruned_at")
    public Instant lastPrunedAt;

    @Column(nullable = false)
    @Convert(converter = JsonText.StringList.class)
    public List<String> warnings = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Adds a warning of the run; one of the same kind (its text up to the first colon) is replaced, and a run keeps
     * at most 20, dropping the oldest.
     */
    public void warn(String warning) {
        int colon = warning.indexOf(':');
        String kind = colon < 0 ? warning : warning.substring(0, colon + 1);
        List<String> updated = new ArrayList<>(warnings);
        updated.removeIf(existing -> existing.startsWith(kind));
        updated.add(warning);
        while (updated.size() > 20) {
            updated.removeFirst();
        }
        // A new list, so that the converter's dirty check sees the change.
        warnings = updated;
    }
}
