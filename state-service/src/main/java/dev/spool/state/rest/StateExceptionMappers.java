package dev.spool.state.rest;

import dev.spool.state.service.OutputPrunedException;
import dev.spool.support.rest.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class StateExceptionMappers {

    @ServerExceptionMapper
    public Response pruned(OutputPrunedException e) {
        return Response.status(Response.Status.GONE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("output_pruned", e.getMessage())).build();
    }
}
