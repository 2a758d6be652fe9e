package dev.spool.contracts;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Regular expressions that users write, such as {@code summary_patterns}. They run on RE2/J, whose matching time is
 * linear in the input whatever the pattern, so that no pattern can pin a worker's cores. The scheduler validates
 * with the same engine and bounds the worker runs with.
 */
public final class UserPatterns {

    public static final int MAX_PATTERNS = 50;
    public static final int MAX_PATTERN_LENGTH = 1_000;

    private UserPatterns() {
    }

    /** Why a pattern cannot be used, or null when it can. */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "a pattern cannot be empty";
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            return "a pattern is at most " + MAX_PATTERN_LENGTH + " characters, this one has " + pattern.length();
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a regular expression Spool can run: " + e.getDescription() + " in '" + e.getPattern()
                    + "' (RE2 syntax: no backreferences or lookaround)";
        }
    }

    /** One pattern that finds a match of any of them. */
    public static Pattern anyOf(List<String> patterns) {
        return Pattern.compile(patterns.stream().map(p -> "(?:" + p + ")").collect(Collectors.joining("|")));
    }
}
