package dev.spool.cli.render;

import java.util.Map;

/**
 * ANSI colours, on only when the stream is a terminal, {@code NO_COLOR} is unset and {@code --no-color} was not
 * given (https://no-color.org). Everything printed through it reads the same without colour.
 */
public record Style(boolean colour) {

    public static final Style PLAIN = new Style(false);

    public static Style forTerminal(boolean terminal, boolean noColourOption, Map<String, String> env) {
        String noColour = env.get("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Style(terminal && !noColourOption && (noColour == null || noColour.isEmpty()) && !dumb);
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String blue(String text) {
        return wrap("34", text);
    }

    public String magenta(String text) {
        return wrap("35", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    /** A task's or run's status in the colour of its kind: green succeeded, red failed, blue running, and so on. */
    public String status(String status) {
        return switch (StatusKind.of(status)) {
            case SUCCEEDED -> green(status);
            case FAILED -> red(status);
            case RUNNING -> blue(status);
            case WAITING -> dim(status);
            case STOPPED -> yellow(status);
            case SKIPPED -> magenta(status);
        };
    }

    private String wrap(String code, String text) {
        return colour && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /**
     * Text cut to {@code width} characters as they show, its escape sequences kept (and closed when it is cut), so
     * that a line redrawn in place never wraps.
     */
    public static String clip(String text, int width) {
        StringBuilder clipped = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u001b') {
                int end = text.indexOf('m', i);
                if (end < 0) {
                    break;
                }
                clipped.append(text, i, end + 1);
                i = end;
                continue;
            }
            if (shown == width) {
                return clipped.append(text.contains("\u001b[") ? "\u001b[0m" : "").toString();
            }
            clipped.append(c);
            shown++;
        }
        return clipped.toString();
    }

    /** The width of text as it shows, without its escape sequences. */
    public static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
