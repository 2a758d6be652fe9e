package dev.spool.scheduler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.spool.scheduler.workflow.Violation;

import java.util.List;

/** Every error the gateway returns: a stable code, a sentence for people, and for workflows each violation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String error, String message, List<Violation> violations) {

    public static ErrorResponse of(String error, String message) {
        return new ErrorResponse(error, message, null);
    }
}
