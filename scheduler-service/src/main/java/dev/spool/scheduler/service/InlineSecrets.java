package dev.spool.scheduler.service;

import dev.spool.scheduler.model.TaskDefinition;
import dev.spool.scheduler.workflow.SourceRedaction;
import dev.spool.scheduler.workflow.WorkflowCompiler;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.support.secrets.SecretSeal;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeps a workflow's inline secrets ({@code secret: true}) out of PostgreSQL and Kafka: their values are sealed
 * in the tasks' definitions before anything is stored, so that they reach only the worker that opens them, and the
 * document kept with the run is kept without them. A gateway without a key has refused such a workflow already.
 */
@ApplicationScoped
public class InlineSecrets {

    private final SecretSeal seal;

    public InlineSecrets(SecretSeal seal) {
        this.seal = seal;
    }

    public List<WorkflowCompiler.CompiledTask> sealed(List<WorkflowCompiler.CompiledTask> tasks) {
        return tasks.stream().map(task -> task.definition().secretEnv().isEmpty() ? task
                : new WorkflowCompiler.CompiledTask(task.id(), task.position(), sealed(task.definition()))).toList();
    }

    private TaskDefinition sealed(TaskDefinition definition) {
        Map<String, String> env = new LinkedHashMap<>(definition.env());
        definition.secretEnv().forEach(name -> env.computeIfPresent(name, (ignored, value) -> SecretSeal.isSealed(value) ? value : seal.seal(value)));
        return definition.withEnv(env);
    }

    /** The document to keep with the run. */
    public String keptSource(String source, WorkflowParser.Format format, List<WorkflowCompiler.CompiledTask> tasks) {
        boolean holdsSecrets = tasks.stream().anyMatch(task -> !task.definition().secretEnv().isEmpty());
        return holdsSecrets ? SourceRedaction.redact(source, format) : source;
    }
}
