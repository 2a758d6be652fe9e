package dev.spool.scheduler.rest;

import dev.spool.contracts.TaskControl;
import dev.spool.scheduler.messaging.TaskControlPublisher;
import dev.spool.scheduler.messaging.TaskDispatcher;
import dev.spool.scheduler.service.RunEngine;
import dev.spool.scheduler.service.RunNotFoundException;
import dev.spool.scheduler.service.RunQueries;
import dev.spool.scheduler.workflow.WorkflowParser;
import dev.spool.scheduler.workflow.WorkflowSpec;
import dev.spool.scheduler.workflow.WorkflowValidator;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final Logger LOG = Logger.getLogger(RunResource.class);

    private final WorkflowParser parser = new WorkflowParser();
    private final WorkflowValidator validator = new WorkflowValidator();
    private final RunEngine engine;
    private final RunQueries queries;
    private final TaskDispatcher dispatcher;
    private final TaskControlPublisher control;

    public RunResource(RunEngine engine, RunQueries queries, TaskDispatcher dispatcher, TaskControlPublisher control) {
        this.engine = engine;
        this.queries = queries;
        this.dispatcher = dispatcher;
        this.control = control;
    }

    public record SubmitResponse(UUID id, String name, String status, List<String> warnings) {
    }

    /**
     * Starts a run of the workflow in the body: YAML unless the Content-Type says JSON. Answers 201 with the
     * run id and any warnings, or 400 naming every problem and where it is.
     */
    @POST
    public Uni<Response> submit(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri) {
        WorkflowParser.Format format = isJson(contentType) ? WorkflowParser.Format.JSON : WorkflowParser.Format.YAML;
        WorkflowSpec spec = parser.parse(body, format);
        List<String> warnings = validator.validate(spec);
        return engine.submit(spec, body, format)
                .call(submitted -> dispatcher.publish(submitted.dispatches())
                        .onFailure().invoke(e -> LOG.errorf(e, "run %s is stored but its first tasks could not be published", submitted.run().id))
                        .onFailure().recoverWithNull())
                .map(submitted -> Response.created(uri.getAbsolutePathBuilder().path(submitted.run().id.toString()).build())
                        .entity(new SubmitResponse(submitted.run().id, submitted.run().name, submitted.run().status.name(), warnings))
                        .build());
    }

    @GET
    @Path("/{runId}")
    public Uni<RunView> get(@PathParam("runId") UUID runId) {
        return queries.view(runId);
    }

    /**
     * Cancels a running run: nothing more is dispatched, and its running tasks are stopped as a timeout would stop
     * them (SIGTERM to the process group, SIGKILL after the grace). Answers 202 with the run as it stands; the
     * run ends CANCELLED once its running tasks have reported. 409 when the run has already ended.
     */
    @POST
    @Path("/{runId}/cancel")
    public Uni<Response> cancel(@PathParam("runId") UUID runId, @QueryParam("reason") String reason) {
        return engine.cancel(runId, reason)
                .onItem().ifNull().failWith(() -> new RunNotFoundException(runId))
                .call(run -> control.cancel(new TaskControl.Cancel(run.id, null, null, reason)))
                .chain(run -> queries.view(run.id))
                .map(view -> Response.accepted(view).build());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase();
        return type.startsWith(MediaType.APPLICATION_JSON) || type.contains("+json");
    }
}
