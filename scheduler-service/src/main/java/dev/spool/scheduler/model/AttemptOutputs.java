package dev.spool.scheduler.model;

import dev.spool.contracts.OutputRecorded.OutputSummary;
import dev.spool.contracts.ResourceUsage;

/**
 * What an attempt left: its streams' sizes and where their full copies are, its usage, its result object (as text),
 * and the warnings it got without failing (a result file that was not JSON, a context that could not be fetched).
 */
public record AttemptOutputs(OutputSummary stdout, OutputSummary stderr, ResourceUsage usage, String result, java.util.List<String> warnings) {

    public AttemptOutputs {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }
}
