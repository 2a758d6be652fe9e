package dev.spool.scheduler.workflow;

/** One problem of a workflow: where it is (a field path such as {@code tasks[2].depends_on[0]}) and why. */
public record Violation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
