package dev.spool.scheduler.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * A submitted document read and checked, in the one way that submitting and validating share: every problem of
 * reading and of meaning reported at once, or the workflow with its warnings. Its cost is linear in the document,
 * which the gateway bounds in size.
 */
public final class WorkflowIntake {

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator;

    public WorkflowIntake(int maxTasks) {
        this.validator = new WorkflowValidator(maxTasks);
    }

    public record Accepted(WorkflowSpec spec, List<WorkflowCompiler.CompiledTask> tasks, List<String> warnings) {
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
            return new Accepted(parsed.spec(), WorkflowCompiler.compile(parsed.spec()), warnings);
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
        try {
            validator.validate(failure.partial().spec());
        } catch (WorkflowValidationException more) {
            more.all().stream()
                    .filter(violation -> failure.readProblems().stream().noneMatch(read -> covers(read.path(), violation.path())))
                    .forEach(all::add);
        } catch (RuntimeException partialTooBroken) {
            // What could be read is too broken to check further; the reading problems say what to fix first.
        }
        return all;
    }

    private static boolean covers(String readPath, String path) {
        if (readPath.equals("$")) {
            return true;
        }
        String parent = readPath.contains(".") ? readPath.substring(0, readPath.lastIndexOf('.')) : readPath;
        // A task whose field was unreadable may be reported as lacking it, at the task's own path.
        return path.equals(readPath) || path.startsWith(readPath + ".") || path.startsWith(readPath + "[")
                || (path.equals(parent) && readPath.startsWith("tasks["));
    }
}
