package dev.spool.scheduler.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.support.Failures;
import dev.spool.support.rest.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What the state-service answers to a request the gateway passed on: its 4xx answers reach the caller as they are
 * (they are about the caller's request, in the same error JSON); anything else is the gateway's upstream failure.
 */
public final class StateErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateErrors() {
    }

    public static RuntimeException passOn(Throwable failure, String what) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() >= 400 && web.getResponse().getStatus() < 500) {
            ApiError body = body(web.getResponse());
            return new WebApplicationException(failure.getMessage(), Response.status(web.getResponse().getStatus())
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
        }
        return new UpstreamException("the state-service could not " + what + ": " + Failures.describe(failure));
    }

    private static ApiError body(Response response) {
        try {
            JsonNode node = JSON.readTree(response.readEntity(String.class));
            return ApiError.of(node.path("error").asText("request_failed"), node.path("message").asText("the request failed"));
        } catch (RuntimeException | java.io.IOException e) {
            return ApiError.of("request_failed", "the request failed with status " + response.getStatus());
        }
    }
}
