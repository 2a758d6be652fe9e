package dev.spool.support.rest;

import dev.spool.support.Texts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Path segments and query parameters read as text and checked here, so that a malformed one is a 400 that says what
 * is wrong with it, never a bare 404 from a converter or a 500 from the database.
 */
public final class RequestParams {

    /** Task ids as the workflow language allows them. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private RequestParams() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || !UUID_FORM.matcher(value).matches()) {
            throw new InvalidRequestException(name, name + " " + Texts.quote(value) + " is not a run id: run ids are UUIDs such as "
                    + "3f2c6a8e-0b1d-4c55-9e2a-7d4b8c1f0a9e, as returned by POST /api/v1/runs");
        }
        return UUID.fromString(value);
    }

    public static String taskId(String name, String value) {
        if (value == null || !TASK_ID.matcher(value).matches()) {
            throw new InvalidRequestException(name, name + " " + Texts.quote(value) + " is not a task id: task ids are letters, digits, "
                    + "'_', '-' and '.', starting with a letter or digit, at most 128 characters");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent (which may be null). */
    public static Integer integer(String name, String value, Integer fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range.
        }
        throw new InvalidRequestException(name, name + " must be a whole number from " + min + " to " + max + ", got " + Texts.quote(value));
    }

    /** Free text, such as a reason: at most {@code maxLength} characters, none of them control characters. */
    public static String text(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(name, name + " is at most " + maxLength + " characters, got " + value.length());
        }
        String problem = Texts.problem(value, false);
        if (problem != null) {
            throw new InvalidRequestException(name, name + " " + problem);
        }
        return value;
    }

    /** A true-or-false query parameter: absent or {@code false} is false; {@code true}, or the bare name, is true. */
    /** A time as ISO-8601 ("2026-01-31T12:00:00Z"), or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, name + " " + Texts.quote(value) + " is not a time; write it as 2026-01-31T12:00:00Z");
        }
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException(name, name + " is true or false, got " + dev.spool.support.Texts.quote(value));
    }
}
