package dev.spool.scheduler.model;

import dev.spool.contracts.OutputRecorded.OutputSummary;

public record AttemptOutputs(OutputSummary stdout, OutputSummary stderr) {
}
