package dev.spool.support;

/**
 * Text from outside (a worker's error, a user's reason) made fit for a PostgreSQL text column and a log line:
 * without NUL, which PostgreSQL refuses, and bounded in length.
 */
public final class Texts {

    private Texts() {
    }

    public static String storable(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String cleaned = text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
        return cleaned.length() <= maxLength ? cleaned : cleaned.substring(0, maxLength - 1) + "…";
    }
}
