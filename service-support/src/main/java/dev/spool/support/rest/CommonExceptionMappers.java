package dev.spool.support.rest;

import dev.spool.support.Texts;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

/**
 * Every failure that no service maps more precisely still answers in the error JSON: a parameter or a JSON body that
 * cannot be used (400), a path or method the API does not have (404, 405), a body of the wrong type (415), and anything
 * unexpected (500, with an id to find it in the log, and never a Java type's name).
 */
public class CommonExceptionMappers {

    private static final Logger LOG = Logger.getLogger(CommonExceptionMappers.class);

    @ServerExceptionMapper
    public Response internalCredential(InternalCredentialException e) {
        return json(Response.Status.UNAUTHORIZED.getStatusCode(), ApiError.of("internal_credential_required", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), new ApiError("invalid_request", e.getMessage(),
                List.of(new ApiError.Problem(e.parameter(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), ApiError.of("bad_request", e.getMessage()));
    }

    /** A JSON body that does not parse, or a field of the wrong type: said with its path, as the author can fix it. */
    @ServerExceptionMapper
    public Response badJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        ApiError.Problem problem = JsonBodyProblems.of(e);
        return json(Response.Status.BAD_REQUEST.getStatusCode(), new ApiError("invalid_request", problem.message(), List.of(problem)));
    }

    /** Takes the place of Quarkus's own mapper of this type, which answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            // How the JSON reader reports a body that does not parse.
            return badJson(unreadable);
        }
        int status = e.getResponse().getStatus();
        String where = request.method() + " " + Texts.quote(request.path());
        String message = switch (status) {
            case 404 -> isGeneric(e) ? "there is no " + where + " in the API; see the HTTP API in README.md" : e.getMessage();
            case 405 -> request.method() + " is not allowed on " + Texts.quote(request.path())
                    + (e.getResponse().getHeaderString(HttpHeaders.ALLOW) == null ? ""
                    : "; use " + e.getResponse().getHeaderString(HttpHeaders.ALLOW));
            case 415 -> "the body's Content-Type " + Texts.quote(request.getHeader(HttpHeaders.CONTENT_TYPE))
                    + " is not accepted by " + where;
            case 406 -> "this endpoint cannot answer in the types the Accept header asks for";
            default -> isGeneric(e) ? "the request failed with status " + status : e.getMessage();
        };
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code(status), message));
        for (String header : List.of(HttpHeaders.ALLOW, "Content-Range")) {
            if (e.getResponse().getHeaderString(header) != null) {
                answer.header(header, e.getResponse().getHeaderString(header));
            }
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "request failed unexpectedly (error id %s)", id);
        return json(500, ApiError.of("internal_error", "Spool could not handle this request (error id " + id
                + ", logged with that id). Try again; if it persists, report the id"));
    }

    /** A framework's own message, such as "HTTP 404 Not Found", which says nothing a person can act on. */
    private static boolean isGeneric(WebApplicationException e) {
        return e.getMessage() == null || e.getMessage().startsWith("HTTP " + e.getResponse().getStatus());
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 416 -> "range_not_satisfiable";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
    }

    private static Response json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
