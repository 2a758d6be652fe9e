package dev.spool.scheduler.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A task's resolved definition: written once at submission, read once per run into the scheduler's cache. */
@Entity
@Table(name = "task_definitions")
public class TaskDefinitionRow extends PanacheEntityBase {

    @Id
    @Column(name = "task_row_id")
    public UUID taskRowId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Convert(converter = JsonColumns.TaskDefinitionConverter.class)
    @Column(nullable = false)
    public TaskDefinition definition;
}
