package dev.spool.support;

/** What went wrong, worded for a task's status_reason: the innermost message, without Java's type names. */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "an internal error" : root.getMessage();
        message = message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("\\s+", " ").strip();
        return Texts.storable(message.isEmpty() ? "an internal error" : message, 500);
    }
}
