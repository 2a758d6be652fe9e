package dev.spool.support.rest;

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
            throw new InvalidRequestException(name, name + " " + shown(value) + " is not a run id: run ids are UUIDs such as "
                    + "3f2c6a8e-0b1d-4c55-9e2a-7d4b8c1f0a9e, as returned by POST /api/v1/runs");
        }
        return UUID.fromString(value);
    }

    public static String taskId(String name, String value) {
        if (value == null || !TASK_ID.matcher(value).matches()) {
            throw new InvalidRequestException(name, name + " " + shown(value) + " is not a task id: task ids are letters, digits, "
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
        throw new InvalidRequestException(name, name + " must be a whole number from " + min + " to " + max + ", got " + shown(value));
    }

    /** Free text, such as a reason: at most {@code maxLength} characters, none of them control characters. */
    public static String text(String name, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(name, name + " is at most " + maxLength + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                throw new InvalidRequestException(name, name + " contains a control character or broken text at position " + i
                        + "; send plain UTF-8 text");
            }
        }
        return value;
    }

    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    /** A value quoted in a message: printable, and short whatever was sent. */
    public static String shown(String value) {
        if (value == null) {
            return "(missing)";
        }
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                shown.append(String.format("\\u%04x", cp));
            } else {
                shown.appendCodePoint(cp);
            }
        });
        return shown.append(value.length() > 60 ? "...'" : "'").toString();
    }
}
