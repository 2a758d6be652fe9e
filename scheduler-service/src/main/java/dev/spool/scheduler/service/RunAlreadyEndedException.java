package dev.spool.scheduler.service;

import dev.spool.scheduler.model.RunStatus;

import java.util.UUID;

public class RunAlreadyEndedException extends RuntimeException {

    public RunAlreadyEndedException(UUID runId, RunStatus status) {
        super("run " + runId + " has already ended (" + status + "); only a run that has not ended can be cancelled, paused or resumed");
    }
}
