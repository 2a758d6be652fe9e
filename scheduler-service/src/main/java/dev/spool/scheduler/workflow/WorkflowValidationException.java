package dev.spool.scheduler.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A workflow that cannot run, with every problem found (the first {@value #MAX_REPORTED} of them). */
public class WorkflowValidationException extends RuntimeException {

    /** More problems than this say nothing new to a person, and would make a huge answer. */
    public static final int MAX_REPORTED = 100;

    private final List<Violation> violations;
    private final List<Violation> all;

    public WorkflowValidationException(List<Violation> violations) {
        this(capped(violations), List.copyOf(violations));
    }

    private WorkflowValidationException(List<Violation> reported, List<Violation> all) {
        super(reported.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = reported;
        this.all = all;
    }

    private static List<Violation> capped(List<Violation> violations) {
        if (violations.size() <= MAX_REPORTED) {
            return List.copyOf(violations);
        }
        List<Violation> reported = new ArrayList<>(violations.subList(0, MAX_REPORTED));
        reported.add(new Violation("$", "and " + (violations.size() - MAX_REPORTED) + " more problems; fix these first"));
        return List.copyOf(reported);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Every problem found, reported or not. */
    public List<Violation> all() {
        return all;
    }
}
