package dev.spool.scheduler.rest;

import dev.spool.contracts.TaskControl;
import dev.spool.scheduler.audit.Audited;
import dev.spool.scheduler.config.SchedulerConfig;
import dev.spool.scheduler.dispatch.Dispatcher;
import dev.spool.scheduler.mapping.AttemptView;
import dev.spool.scheduler.mapping.RunPage;
import dev.spool.scheduler.mapping.RunProgress;
import dev.spool.scheduler.mapping.RunView;
import dev.spool.scheduler.messaging.TaskControlPublisher;
import dev.spool.scheduler.model.RunStatus;
import dev.spool.scheduler.security.Caller;
import dev.spool.scheduler.security.Role;
import dev.spool.scheduler.service.RunCommands;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.scheduler.service.RunSubmission;
import dev.spool.scheduler.service.RunViews;
import dev.spool.scheduler.service.StoredBytesQuota;
import dev.spool.scheduler.workflow.WorkflowIntake;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.support.Texts;
import dev.spool.support.rest.InvalidRequestException;
import dev.spool.support.rest.RequestParams;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER, Role.Names.VIEWER})
public class RunResource {

    private static final int MAX_PAGE = 500;

    private final WorkflowIntake intake;
    private final RunSubmission submission;
    private final RunCommands commands;
    private final RunQueries queries;
    private final RunViews views;
    private final Dispatcher dispatcher;
    private final TaskControlPublisher control;
    private final SchedulerConfig config;
    private final SecurityIdentity identity;
    private final StoredBytesQuota storedBytes;

    public RunResource(RunSubmission submission, RunCommands commands, RunQueries queries, RunViews views, Dispatcher dispatcher,
                       TaskControlPublisher control, SchedulerConfig config, SecurityIdentity identity, WorkflowIntake intake,
                       StoredBytesQuota storedBytes) {
        this.intake = intake;
        this.storedBytes = storedBytes;
        this.submission = submission;
        this.commands = commands;
        this.queries = queries;
        this.views = views;
        this.dispatcher = dispatcher;
        this.control = control;
        this.config = config;
        this.identity = identity;
    }

    public record SubmitResponse(UUID id, String name, String status, List<String> warnings) {
    }

    /**
     * Starts a run of the workflow in the body: YAML unless the Content-Type says JSON. Answers 201 with the
     * run id and any warnings, 400 naming every problem and where it is, or 413 for a document over the limit.
     */
    @Audited("run.submit")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    public Uni<Response> submit(byte[] document, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri) {
        WorkflowParser.Format format = WorkflowDocuments.format(contentType);
        String body = WorkflowDocuments.text(document, config.maxWorkflowBytes());
        // Reading a large document takes a while: on a worker thread, so the event loop (and every run's database
        // work on it) never waits for one user's document; the transaction then runs back on the request's context.
        io.vertx.core.Context context = Vertx.currentContext();
        String tenant = Caller.of(identity).tenant();
        java.util.concurrent.Executor onRequest = command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().item(() -> intake.read(body, format))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(onRequest)
                .call(accepted -> storedBytes.admit(tenant).emitOn(onRequest))
                .chain(accepted -> submitRead(accepted, body, format, tenant, uri));
    }

    private Uni<Response> submitRead(WorkflowIntake.Accepted accepted, String body, WorkflowParser.Format format, String tenant, UriInfo uri) {
        List<String> warnings = accepted.warnings();
        return submission.submit(accepted, body, format, tenant)
                .invoke(submitted -> dispatcher.accept(submitted.changes()))
                .map(submitted -> Response.created(uri.getAbsolutePathBuilder().path(submitted.value().id.toString()).build())
                        .entity(new SubmitResponse(submitted.value().id, submitted.value().name, submitted.value().status.name(), warnings))
                        .build());
    }

    /** Runs newest first (the caller's tenant's; every tenant's for an admin), filtered by status, exact name and creation time, a page at a time. */
    @GET
    public Uni<RunPage> list(@QueryParam("status") String status, @QueryParam("name") String name,
                             @QueryParam("created_after") String createdAfter, @QueryParam("created_before") String createdBefore,
                             @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int pageSize = RequestParams.integer("limit", limit, 50, 1, MAX_PAGE);
        Caller caller = Caller.of(identity);
        return queries.list(new RunQueries.RunFilter(caller.admin() ? null : caller.tenant(), runStatus(status), RequestParams.text("name", name, 1_000),
                RequestParams.instant("created_after", createdAfter), RequestParams.instant("created_before", createdBefore)),
                pageSize, RequestParams.text("cursor", cursor, 200));
    }

    @GET
    @Path("/{runId}")
    public Uni<RunView> get(@PathParam("runId") String runId) {
        return views.of(RequestParams.uuid("runId", runId));
    }

    /**
     * The run's status and how many of its tasks are in each status, without the tasks themselves: what to poll
     * while waiting for a run to end, at a cost that does not grow with what its tasks printed.
     */
    @GET
    @Path("/{runId}/status")
    public Uni<RunProgress> status(@PathParam("runId") String runId) {
        return queries.progress(RequestParams.uuid("runId", runId)).map(progress -> RunProgress.of(progress.run(), progress.counts()));
    }

    /** A task's attempts, newest first: every try, retry, re-dispatch and loop iteration, with how each ended. */
    @GET
    @Path("/{runId}/tasks/{taskId}/attempts")
    public Uni<List<AttemptView>> attempts(@PathParam("runId") String runId, @PathParam("taskId") String taskId,
                                           @QueryParam("limit") String limit) {
        return queries.attempts(RequestParams.uuid("runId", runId), RequestParams.taskId("taskId", taskId),
                RequestParams.integer("limit", limit, 100, 1, 1000));
    }

    /**
     * Cancels a run: nothing more is dispatched, and its running tasks are stopped as a timeout would stop
     * them (SIGTERM to the process group, SIGKILL after the grace). Answers 202 with the run as it stands; the
     * run ends CANCELLED once its running tasks have reported. 409 when the run has already ended.
     */
    @Audited("run.cancel")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    @Path("/{runId}/cancel")
    public Uni<Response> cancel(@PathParam("runId") String run, @QueryParam("reason") String givenReason) {
        UUID runId = RequestParams.uuid("runId", run);
        String reason = RequestParams.text("reason", givenReason, 1_000);
        return commands.cancel(runId, reason)
                .invoke(cancelled -> dispatcher.accept(cancelled.changes()))
                .call(cancelled -> control.cancel(new TaskControl.Cancel(runId, null, null, reason)))
                .chain(cancelled -> views.of(runId))
                .map(view -> Response.accepted(view).build());
    }

    /** Stops dispatching the run's tasks; those already dispatched run to their end. 409 when the run has ended. */
    @Audited("run.pause")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    @Path("/{runId}/pause")
    public Uni<RunView> pause(@PathParam("runId") String run) {
        UUID runId = RequestParams.uuid("runId", run);
        return commands.pause(runId)
                .invoke(paused -> dispatcher.paused(runId, true))
                .chain(changed -> views.of(runId));
    }

    /** Dispatches a paused run's ready tasks again. 409 when the run is not paused. */
    @Audited("run.resume")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    @Path("/{runId}/resume")
    public Uni<RunView> resume(@PathParam("runId") String run) {
        UUID runId = RequestParams.uuid("runId", run);
        return commands.resume(runId)
                .invoke(resumed -> dispatcher.paused(runId, false))
                .chain(changed -> views.of(runId));
    }

    /**
     * Runs a task that ended without success again, with its retries afresh, and then every task downstream of it.
     * 409 when the task has not ended or succeeded.
     */
    @Audited("task.retry")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.SUBMITTER})
    @POST
    @Path("/{runId}/tasks/{taskId}/retry")
    public Uni<Response> retryTask(@PathParam("runId") String run, @PathParam("taskId") String taskId) {
        UUID runId = RequestParams.uuid("runId", run);
        return commands.retryTask(runId, RequestParams.taskId("taskId", taskId))
                .invoke(retried -> dispatcher.accept(retried.changes()))
                .chain(retried -> views.of(runId))
                .map(view -> Response.accepted(view).build());
    }

    private static RunStatus runStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "status " + Texts.quote(status) + " is not a run status; use one of "
                    + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
