package dev.spool.scheduler.rest;

import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.workflow.WorkflowCompiler;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowSpec;
import dev.spool.scheduler.workflow.WorkflowValidator;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator;
    private final SchedulerConfig config;

    public WorkflowResource(SchedulerConfig config) {
        this.config = config;
        this.validator = new WorkflowValidator(config.maxTasks());
    }

    /** @param tasks how many tasks the workflow has */
    public record ValidationResponse(boolean valid, String name, int tasks, List<String> warnings) {
    }

    /** Checks a workflow exactly as a submission would, without running it: 200 with warnings, or 400/413 as a submit. */
    @POST
    @Path("/validate")
    public ValidationResponse validate(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        WorkflowDocuments.checkSize(body, config.maxWorkflowBytes());
        WorkflowSpec spec = parser.parse(body, WorkflowDocuments.format(contentType));
        List<String> warnings = validator.validate(spec);
        WorkflowCompiler.compile(spec);
        return new ValidationResponse(true, spec.name(), spec.tasks().size(), warnings);
    }
}
