package dev.spool.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The one error body of every Spool service: a stable code for programs, a sentence for people that says what is
 * wrong and how to fix it, and, for input with several problems, each problem with its path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, List<?> violations) {

    /** A problem of one part of a request, such as a query parameter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String path, String message) {
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
