package dev.spool.scheduler.service;

import java.util.UUID;

public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(UUID runId) {
        super("no run with id " + runId);
    }
}
