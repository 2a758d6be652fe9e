package dev.spool.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.CliException;
import dev.spool.cli.ExitCode;
import dev.spool.cli.config.Target;

import java.util.ArrayList;
import java.util.List;

/** Turns the gateway's error JSON into what the CLI prints and exits with. */
final class ApiErrors {

    private ApiErrors() {
    }

    static CliException of(Target target, int status, String body, ObjectMapper json) {
        JsonNode error;
        try {
            error = body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (Exception e) {
            error = json.nullNode();
        }
        String code = error.path("error").asText(status >= 500 ? "upstream_error" : "http_" + status);
        String message = error.path("message").asText("");
        if (message.isBlank()) {
            message = "the gateway at " + target.gateway() + " answered HTTP " + status + (status == 404 ? "; is that address a Spool gateway?" : "");
        }
        List<CliException.Violation> violations = new ArrayList<>();
        for (JsonNode violation : error.path("violations")) {
            violations.add(new CliException.Violation(violation.path("path").asText(null), violation.path("message").asText(""),
                    violation.hasNonNull("line") ? violation.path("line").asInt() : null,
                    violation.hasNonNull("column") ? violation.path("column").asInt() : null));
        }
        return switch (status) {
            case 400, 413, 414, 415, 422 -> new CliException(ExitCode.INVALID_INPUT, code, message, violations);
            case 401 -> new CliException(ExitCode.UNAUTHORIZED, code, sentence(message) + " " + tokenHint(target));
            case 403 -> new CliException(ExitCode.UNAUTHORIZED, code, message);
            case 404, 410 -> new CliException(ExitCode.NOT_FOUND, code, message, violations);
            default -> new CliException(ExitCode.REFUSED, code, message, violations);
        };
    }

    private static String sentence(String message) {
        return message.endsWith(".") || message.endsWith(")") ? message : message + ".";
    }

    private static String tokenHint(Target target) {
        if (!target.hasToken()) {
            return "No token was found: pass --token, set SPOOL_TOKEN, or add one to a context (spool config set-context NAME URL --token-file FILE).";
        }
        return "The token came from " + target.tokenSource() + "; give a valid one with --token, SPOOL_TOKEN or the context's token.";
    }
}
