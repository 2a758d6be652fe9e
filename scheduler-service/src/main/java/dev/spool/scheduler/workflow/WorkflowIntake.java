package dev.spool.scheduler.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A submitted document read and checked, in the one way that submitting and validating share: every problem of
 * reading and of meaning reported at once, or the workflow with its warnings. Its cost is linear in the document,
 * which the gateway bounds in size.
 */
public final class WorkflowIntake {

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator;

    public WorkflowIntake(int maxTasks) {
        this(maxTasks, Set.of());
    }

    public WorkflowIntake(int maxTasks, Set<String> allowedLoaderVariables) {
        this(maxTasks, allowedLoaderVariables, true);
    }

    public WorkflowIntake(int maxTasks, Set<String> allowedLoaderVariables, boolean secretsSealable) {
        this.validator = new WorkflowValidator(maxTasks, allowedLoaderVariables, secretsSealable);
    }

    /** @param cleanup the run's {@code limits.cleanup_strategy}, or null */
    public record Accepted(WorkflowSpec spec, List<WorkflowCompiler.CompiledTask> tasks, List<String> warnings,
                           dev.spool.contracts.context.CleanupPolicy cleanup) {
    }

    public Accepted read(String document, WorkflowParser.Format format) {
        WorkflowParser.Parsed parsed;
        try {
            parsed = parser.read(document, format);
        } catch (WorkflowParser.ReadFailure failure) {
            throw new WorkflowValidationException(failure.partial().locate(alsoTheRest(failure)));
        }
        try {
            List<String> warnings = validator.validate(parsed.spec());
            // The validator checked the strategy with its path; here it is only read.
            var cleanup = TaskPolicies.cleanup(parsed.spec().limits() == null ? null : parsed.spec().limits().cleanupStrategy(), "limits",
                    new ArrayList<>());
            return new Accepted(parsed.spec(), WorkflowCompiler.compile(parsed.spec()), warnings, cleanup);
        } catch (WorkflowValidationException invalid) {
            throw new WorkflowValidationException(parsed.locate(invalid.all()));
        }
    }

    /**
     * The problems of reading, then those the validator finds in what could be read, except where it would only
     * repeat a reading problem: a field that could not be read is absent, and the validator would call it missing.
     */
    private List<Violation> alsoTheRest(WorkflowParser.ReadFailure failure) {
        List<Violation> all = new ArrayList<>(failure.readProblems());
        if (failure.partial().spec() == null) {
            return all;
        }
        Set<String> unreadable = new HashSet<>();
        // A task that holds an unreadable field: the validator may call its command missing when it was unreadable.
        Set<String> tasksWithUnreadableField = new HashSet<>();
        failure.readProblems().forEach(read -> {
            unreadable.add(read.path());
            int field = read.path().indexOf('.');
            if (read.path().startsWith("tasks[") && field > 0 && read.path().indexOf('.', field + 1) < 0) {
                tasksWithUnreadableField.add(read.path().substring(0, field));
            }
        });
        try {
            validator.validate(failure.partial().spec());
        } catch (WorkflowValidationException more) {
            more.all().stream()
                    .filter(violation -> !tasksWithUnreadableField.contains(violation.path()) && !repeatsAReadProblem(violation.path(), unreadable))
                    .forEach(all::add);
        } catch (RuntimeException partialTooBroken) {
            // What could be read is too broken to check further; the reading problems say what to fix first.
        }
        return all;
    }

    /** Whether a path is, or lies under, one that could not be read. Linear in the path's depth. */
    private static boolean repeatsAReadProblem(String path, Set<String> unreadable) {
        if (unreadable.contains("$")) {
            return true;
        }
        for (String at = path; !at.isEmpty(); at = Violation.parent(at)) {
            if (unreadable.contains(at)) {
                return true;
            }
        }
        return false;
    }
}
