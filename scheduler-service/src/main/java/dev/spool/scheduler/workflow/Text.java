package dev.spool.scheduler.workflow;

/**
 * What text Spool accepts from users: anything but control characters (tab, line feed and carriage return aside)
 * and lone surrogates. NUL cannot be stored in PostgreSQL or passed to a process, and the other control characters
 * make names, logs and terminals lie about what they show.
 */
public final class Text {

    private Text() {
    }

    /** Why the text is refused, saying where the character is and how to fix it; or null when it is fine. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                return "contains the control character U+" + String.format("%04X", (int) c) + (c == 0 ? " (NUL)" : "")
                        + " at position " + i + "; remove it: only tab, line feed and carriage return are allowed";
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return "contains a lone UTF-16 surrogate at position " + i + "; send valid UTF-8 text";
            }
        }
        return null;
    }

    /** A user's value quoted in a message: shortened, so that an answer never repeats a huge input. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? "'" + value + "'" : "'" + value.substring(0, 77) + "...' (" + value.length() + " characters)";
    }

    public static boolean isValid(String text) {
        return problem(text) == null;
    }
}
