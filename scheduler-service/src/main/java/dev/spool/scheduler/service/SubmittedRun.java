package dev.spool.scheduler.service;

import dev.spool.contracts.TaskDispatch;
import dev.spool.scheduler.model.Run;

import java.util.List;

/** A stored run and the attempts that can start right away. */
public record SubmittedRun(Run run, List<TaskDispatch> dispatches) {
}
