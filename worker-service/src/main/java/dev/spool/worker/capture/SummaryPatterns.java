package dev.spool.worker.capture;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What makes a line worth keeping in a {@code summary}, unless the workflow gives its own patterns. */
public final class SummaryPatterns {

    public static final List<String> DEFAULTS = List.of(
            "(?i)\\b(error|errors|fatal|panic|critical|severe)\\b",
            "(?i)\\bwarn(ing|ings)?\\b",
            "(?i)\\w*(exception|traceback)\\b",
            "(?i)\\b(fail|failed|failure|failing|assert\\w*)\\b");

    private SummaryPatterns() {
    }

    /** One pattern that finds a match when any of {@code patterns} (or the defaults, if none) does. */
    public static Pattern compile(List<String> patterns) {
        List<String> chosen = patterns == null || patterns.isEmpty() ? DEFAULTS : patterns;
        return Pattern.compile(chosen.stream().map(p -> "(?:" + p + ")").collect(Collectors.joining("|")));
    }
}
