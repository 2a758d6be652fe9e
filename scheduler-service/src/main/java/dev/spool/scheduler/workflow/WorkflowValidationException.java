package dev.spool.scheduler.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow that cannot run, with every problem found. */
public class WorkflowValidationException extends RuntimeException {

    private final List<Violation> violations;

    public WorkflowValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
