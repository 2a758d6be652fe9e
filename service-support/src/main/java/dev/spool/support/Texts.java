package dev.spool.support;

/**
 * What Spool accepts as text from outside, and how it shows it back. Control characters are refused (NUL cannot be
 * stored in PostgreSQL or passed to a process, and the others make names, logs and terminals lie about what they
 * show), and so are lone surrogates; a value quoted in a message is shortened and shows control characters escaped.
 */
public final class Texts {

    private static final int QUOTED_LENGTH = 80;

    private Texts() {
    }

    /**
     * Why the text is refused, saying where the offending character is and how to fix it; or null when it is fine.
     *
     * @param lineBreaks whether line feed and carriage return are allowed (in a workflow's values), or only tab
     *                   (in a query parameter)
     */
    public static String problem(String text, boolean lineBreaks) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || lineBreaks && (c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                return "contains the control character U+" + String.format("%04X", (int) c) + (c == 0 ? " (NUL)" : "")
                        + " at position " + i + "; remove it: only tab" + (lineBreaks ? ", line feed and carriage return are" : " is")
                        + " allowed";
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return "contains a lone UTF-16 surrogate at position " + i + "; send valid UTF-8 text";
            }
        }
        return null;
    }

    /** A user's value quoted in a message: shortened, so an answer never repeats a huge input, and printable. */
    public static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        boolean shortened = value.codePointCount(0, value.length()) > QUOTED_LENGTH;
        StringBuilder quoted = new StringBuilder("'");
        value.codePoints().limit(shortened ? QUOTED_LENGTH - 3 : QUOTED_LENGTH).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F) {
                quoted.append(String.format("\\u%04x", cp));
            } else {
                quoted.appendCodePoint(cp);
            }
        });
        return shortened ? quoted + "...' (" + value.length() + " characters)" : quoted + "'";
    }

    /** Text from outside (a worker's error, a reason) fit for a PostgreSQL text column: no NUL, bounded in length. */
    public static String storable(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String cleaned = text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
        return cleaned.length() <= maxLength ? cleaned : cleaned.substring(0, maxLength - 1) + "…";
    }
}
