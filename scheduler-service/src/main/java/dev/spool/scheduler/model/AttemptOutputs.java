package dev.spool.scheduler.model;

import dev.spool.contracts.OutputRecorded.OutputSummary;
import dev.spool.contracts.ResourceUsage;

public record AttemptOutputs(OutputSummary stdout, OutputSummary stderr, ResourceUsage usage) {
}
