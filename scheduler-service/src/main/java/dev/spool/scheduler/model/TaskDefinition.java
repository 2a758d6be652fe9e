package dev.spool.scheduler.model;

import dev.spool.contracts.OutputLimits;
import dev.spool.contracts.TaskCommand;

import java.util.List;
import java.util.Map;

/** A task as it will run: fixed at submission, with the workflow's defaults already applied. */
public record TaskDefinition(TaskCommand command, Map<String, String> env, OutputLimits limits, List<String> dependsOn) {
}
