package dev.spool.support.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Failures the HTTP layer answers before any resource runs get the error JSON too, instead of an empty body: a body
 * whose declared length is over the service's limit, and whatever a route fails with.
 */
@ApplicationScoped
public class RouterErrors {

    private final long maxBodyBytes;

    public RouterErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(10L * 1024 * 1024);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseLargeBodies);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    /** Refuses a body that says it is too large before a byte of it is read. */
    void refuseLargeBodies(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit) && Long.parseLong(length) > maxBodyBytes) {
            context.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .end(Json.encode(ApiError.of("request_too_large", "the request body is " + length + " bytes, over the " + maxBodyBytes
                            + " bytes this service accepts; send less")));
            return;
        }
        context.next();
    }

    private void answer(RoutingContext context) {
        if (context.response().headWritten() || context.response().ended()) {
            context.next();
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode() : 500;
        String message = switch (status) {
            case 413 -> "the request body is over the " + maxBodyBytes + " bytes this service accepts; send less";
            case 405 -> context.request().method() + " is not allowed here";
            default -> "the request failed with status " + status;
        };
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.encode(ApiError.of(CommonExceptionMappers.code(status), message)));
    }
}
