package dev.spool.state.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** An output that went into a task's context: the record's {@code depended_by}. */
@Entity
@Table(name = "output_uses")
public class OutputUse extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    public static OutputUse of(UUID outputId, String taskId) {
        OutputUse use = new OutputUse();
        use.key = new Key(outputId, taskId);
        return use;
    }

    @Embeddable
    public record Key(@Column(name = "output_id") UUID outputId, @Column(name = "task_id") String taskId) implements Serializable {
    }
}
