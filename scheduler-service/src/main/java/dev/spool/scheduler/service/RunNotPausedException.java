package dev.spool.scheduler.service;

import dev.spool.scheduler.model.RunStatus;

import java.util.UUID;

public class RunNotPausedException extends RuntimeException {

    public RunNotPausedException(UUID runId, RunStatus status) {
        super("run " + runId + " is " + status + ", not PAUSED; only a paused run can be resumed");
    }
}
