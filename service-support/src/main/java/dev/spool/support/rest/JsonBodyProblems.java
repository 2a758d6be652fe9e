package dev.spool.support.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.spool.support.Texts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What is wrong with a JSON body, said so that its author can fix it: where (the field's path, {@code body} for the
 * whole) and what was expected there. Jackson's own messages name Java types and parser internals; these never do.
 */
public final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    public static ApiError.Problem of(JsonProcessingException e) {
        // A body cut short inside a list reaches here as a mapping failure that wraps the parser's.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.exc.StreamReadException unreadable) {
                return syntax(unreadable.getLocation());
            }
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping.getPath());
            String where = path.equals("body") ? "the body" : Texts.quote(path);
            if (mapping.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null) {
                // A value our own types refused (an unknown output type, a malformed task id): their message says what to use.
                return new ApiError.Problem(path, where + ": " + refused.getMessage());
            }
            if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return new ApiError.Problem(path, where + " must be " + expected(mismatch.getTargetType()));
            }
            return new ApiError.Problem(path, where + " is not what this endpoint accepts; see the HTTP API in README.md");
        }
        return syntax(e.getLocation());
    }

    private static ApiError.Problem syntax(JsonLocation at) {
        String position = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return new ApiError.Problem("body", "the body is not valid JSON" + position + ": send one JSON object");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID such as 3f2c6a8e-0b1d-4c55-9e2a-7d4b8c1f0a9e";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "an ISO-8601 time such as 2026-01-31T12:00:00Z";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT30S";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
