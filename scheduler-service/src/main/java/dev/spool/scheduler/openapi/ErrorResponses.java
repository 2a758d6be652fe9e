package dev.spool.scheduler.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes the gateway's OpenAPI document with what the resources' signatures cannot say: the bearer token, the
 * error JSON of README's "HTTP API", and which errors each operation answers. The errors follow from what an
 * operation takes (a path parameter can name nothing: 404; a query parameter or a body can be wrong: 400; a body can
 * be too large: 413) and from what it does (changing a run's state can conflict: 409; reading a stored copy can find
 * it pruned or gone: 410, or its bucket away: 502), so one table here covers every endpoint, new ones included.
 */
public class ErrorResponses implements OASFilter {

    static final String ERROR_SCHEMA = "Error";
    private static final String BEARER = "bearer";
    private static final java.util.regex.Pattern OUTPUT = java.util.regex.Pattern.compile("/output(/|$)");
    /** What these answer when they create something, which the resources' return type (a Response) does not say. */
    private static final List<String> CREATES = List.of("/api/v1/runs", "/api/v1/tenants", "/api/v1/tenants/{tenant}/tokens");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSchema(ERROR_SCHEMA, errorSchema());
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A Spool token (spool_…) from the admin API or the bootstrap admin token, or a token of the "
                        + "OIDC provider where it is on; see README's Security"));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                document(path.getKey(), operation.getKey(), operation.getValue(), path.getValue());
            }
        }
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation, PathItem item) {
        List<Parameter> parameters = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean pathParams = path.contains("{");
        boolean queryParams = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean body = operation.getRequestBody() != null;
        boolean internal = path.startsWith("/api/v1/internal/");
        Map<String, String> errors = new LinkedHashMap<>();
        if (pathParams || queryParams || body) {
            errors.put("400", body && path.endsWith("/runs") || path.endsWith("/validate")
                    ? "invalid_workflow (each problem in violations, with its path, line and column), invalid_request or bad_request"
                    : "invalid_request: a path segment or query parameter, named in violations[].path, is malformed or out of range");
        }
        if (internal) {
            errors.put("401", "internal_credential_required: X-Spool-Internal-Token is missing or wrong");
            operation.setSecurity(List.of());
        } else {
            errors.put("401", "unauthenticated (no token) or invalid_token (unknown, revoked or expired); with WWW-Authenticate: Bearer");
            errors.put("403", "forbidden: the token's role may not do this");
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        }
        if (pathParams) {
            errors.put("404", "run_not_found, task_not_found, tenant_not_found, token_not_found or not_found (another tenant's run "
                    + "answers exactly as one that does not exist)");
        }
        if (method == PathItem.HttpMethod.POST && (path.endsWith("/cancel") || path.endsWith("/pause") || path.endsWith("/resume")
                || path.endsWith("/retry") || path.equals("/api/v1/tenants") || path.endsWith("/tokens"))) {
            errors.put("409", "run_already_ended, run_not_paused, task_not_retryable, tenant_exists or token_exists");
        }
        if (OUTPUT.matcher(path).find()) {
            errors.put("410", "output_pruned (which strategy pruned it, and when) or stored_copy_gone (the bucket no longer has it)");
        }
        if (body) {
            errors.put("413", "workflow_too_large or request_too_large");
            errors.put("415", "unsupported_media_type");
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/runs")) {
            errors.put("429", "quota_exceeded: the tenant's runs in flight, submissions a minute or stored bytes; Retry-After says when to try again");
        }
        if (OUTPUT.matcher(path).find() || path.contains("/context") || path.contains("/prune") || path.contains("/storage")
                || path.contains("/outputs") || path.endsWith("/runs/{runId}")) {
            errors.put("502", "upstream_unavailable (the state-service, storage-service or a worker cannot be reached) or stored_copy_corrupt");
        }
        errors.put("500", "internal_error, with an error id that is in the gateway's log");
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (method == PathItem.HttpMethod.POST && CREATES.contains(path) && responses.hasAPIResponse("200")) {
            APIResponse created = responses.getAPIResponse("200");
            responses.removeAPIResponse("200");
            responses.addAPIResponse("201", created.description("Created"));
        }
        // Replaces what Quarkus infers from the security annotations (a bare "Not Authorized"), which has no body.
        errors.forEach((status, description) -> responses.addAPIResponse(status, error(description)));
    }

    private static APIResponse error(String description) {
        Content content = OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)));
        return OASFactory.createAPIResponse().description(description).content(content);
    }

    private static Schema errorSchema() {
        Schema violation = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("path", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("where: a workflow path (tasks[2].timeout) or a request parameter"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("line", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER, Schema.SchemaType.NULL)))
                .addProperty("column", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER, Schema.SchemaType.NULL)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Every error of every Spool service")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("a stable code, such as run_not_found"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description("what happened, where, and how to fix it"))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY)).items(violation))
                .required(List.of("error", "message"));
    }
}
