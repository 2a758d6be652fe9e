package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;

/**
 * One problem of a workflow: where it is (a field path such as {@code tasks[2].depends_on[0]}, or {@code $} for the
 * whole document), why, and, when the problem was found while reading the document, its line and column.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String path, String message, Integer line, Integer column) {

    public Violation(String path, String message) {
        this(path, message, null, null);
    }

    /** A problem at a place in the document, when the parser knows it. */
    static Violation at(String path, JsonLocation location, String message) {
        return location == null || location.getLineNr() < 1 ? new Violation(path, message)
                : new Violation(path, message, location.getLineNr(), location.getColumnNr());
    }

    /** The path that holds this one: {@code tasks[1]} for {@code tasks[1].depends_on}; empty at the top. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    @Override
    public String toString() {
        return path + (line == null ? "" : " (line " + line + ", column " + column + ")") + ": " + message;
    }
}
