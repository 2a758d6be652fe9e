package dev.spool.scheduler.rest;

import dev.spool.scheduler.audit.Audited;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.mapping.EffectiveLimits;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.workflow.WorkflowIntake;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/api/v1/workflows")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class WorkflowResource {

    private final WorkflowIntake intake;
    private final SchedulerConfig config;

    public WorkflowResource(SchedulerConfig config, WorkflowIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    /** @param tasks how many tasks the workflow has */
    /**
     * @param limits  every task's effective limits, defaults applied: the seed's {@code --validate-limits}
     * @param cleanupStrategy the run's {@code limits.cleanup_strategy}, or null when it prunes only on request
     */
    public record ValidationResponse(boolean valid, String name, int tasks, List<String> warnings,
                                     java.util.Map<String, EffectiveLimits> limits,
                                     dev.spool.contracts.context.CleanupPolicy cleanupStrategy) {
    }

    /** Checks a workflow exactly as a submission would, without running it: 200 with warnings, or 400/413 as a submit. */
    @Audited("workflow.validate")
    @POST
    @Path("/validate")
    public ValidationResponse validate(byte[] document, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        String body = WorkflowDocuments.text(document, config.maxWorkflowBytes());
        WorkflowIntake.Accepted accepted = intake.read(body, WorkflowDocuments.format(contentType));
        java.util.Map<String, EffectiveLimits> limits = new java.util.LinkedHashMap<>();
        accepted.tasks().forEach(task -> limits.put(task.id(), EffectiveLimits.of(task.definition())));
        return new ValidationResponse(true, accepted.spec().name(), accepted.spec().tasks().size(), accepted.warnings(), limits,
                accepted.cleanup());
    }
}
