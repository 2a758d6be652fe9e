package dev.spool.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Sizes, counts and durations as people read them. */
public final class Units {

    private Units() {
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    public static String count(long count) {
        if (count < 10_000) {
            return Long.toString(count);
        }
        if (count < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", count / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1fM", count / 1_000_000.0);
    }

    public static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
    }

    /** From start to end, or to now while it runs; empty when it has not started. */
    public static String between(Instant start, Instant end, Instant now) {
        if (start == null) {
            return "";
        }
        return duration(Duration.between(start, end == null ? now : end));
    }

    public static Instant instant(String text) {
        if (text == null || text.isBlank() || text.equals("null")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
