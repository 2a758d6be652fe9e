package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem of a workflow: where it is (a field path such as {@code tasks[2].depends_on[0]}, or {@code $} for the
 * whole document), why, and, when the problem was found while reading the document, its line and column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String path, String message, Integer line, Integer column) {

    public Violation(String path, String message) {
        this(path, message, null, null);
    }

    @Override
    public String toString() {
        return path + (line == null ? "" : " (line " + line + ", column " + column + ")") + ": " + message;
    }
}
