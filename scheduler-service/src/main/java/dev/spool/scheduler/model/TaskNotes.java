package dev.spool.scheduler.model;

import java.util.List;
import java.util.Map;

/**
 * How a task was let through its dependencies: warnings about dependencies that did not succeed, and the default
 * text that stands in for the output of each one handled by {@code use_default}.
 */
public record TaskNotes(List<String> warnings, Map<String, String> defaults) {

    public TaskNotes {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }

    public boolean isEmpty() {
        return warnings.isEmpty() && defaults.isEmpty();
    }
}
