package dev.spool.worker.capture;

import dev.spool.contracts.UserPatterns;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What makes a line worth keeping in a {@code summary}, unless the workflow gives its own patterns. */
public final class SummaryPatterns {

    public static final List<String> DEFAULTS = List.of(
            "(?i)\\b(error|errors|fatal|panic|critical|severe)\\b",
            "(?i)\\bwarn(ing|ings)?\\b",
            // No leading \w*: find() meets "NullPointerException" at "Exception" anyway, without backtracking.
            "(?i)(exception|traceback)\\b",
            "(?i)\\b(fail|failed|failure|failing|assert\\w*)\\b");

    /** Every default pattern needs one of these words; a line without any cannot match, and is not decoded. */
    private static final byte[][] DEFAULT_KEYWORDS = java.util.stream.Stream.of(
                    "error", "fatal", "panic", "critical", "severe", "warn", "exception", "traceback", "fail", "assert")
            .map(word -> word.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    /** The keywords by their first letter, so that most bytes are passed over with one look-up. */
    private static final byte[][][] KEYWORDS_BY_FIRST = new byte[256][][];

    static {
        for (byte[] word : DEFAULT_KEYWORDS) {
            byte[][] current = KEYWORDS_BY_FIRST[word[0]];
            byte[][] grown = current == null ? new byte[1][] : java.util.Arrays.copyOf(current, current.length + 1);
            grown[grown.length - 1] = word;
            KEYWORDS_BY_FIRST[word[0]] = grown;
        }
    }

    private SummaryPatterns() {
    }

    /** Tells whether a line (its bytes, newline excluded) is one to keep. */
    @FunctionalInterface
    public interface LineFilter {
        boolean matches(byte[] line, int length);
    }

    /** The filter for {@code patterns}, or for the defaults when there are none. */
    public static LineFilter filter(List<String> patterns) {
        if (patterns != null && !patterns.isEmpty()) {
            // A user's pattern runs on RE2/J: linear time whatever it is, so it cannot stall capture (and its timeout).
            com.google.re2j.Pattern pattern = UserPatterns.anyOf(patterns);
            return (line, length) -> pattern.matcher(new String(line, 0, length, StandardCharsets.UTF_8)).find();
        }
        // The defaults are ours and known not to backtrack: the JDK's engine is faster on them.
        Pattern pattern = compile(DEFAULTS);
        return (line, length) -> containsKeyword(line, length)
                && pattern.matcher(new String(line, 0, length, StandardCharsets.UTF_8)).find();
    }

    static Pattern compile(List<String> patterns) {
        return Pattern.compile(patterns.stream().map(p -> "(?:" + p + ")").collect(Collectors.joining("|")));
    }

    private static boolean containsKeyword(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            byte[][] candidates = KEYWORDS_BY_FIRST[(line[i] | 0x20) & 0xFF];
            if (candidates == null) {
                continue;
            }
            for (byte[] word : candidates) {
                if (startsWithIgnoringCase(line, i, length, word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithIgnoringCase(byte[] line, int at, int length, byte[] word) {
        if (at + word.length > length) {
            return false;
        }
        for (int j = 1; j < word.length; j++) {
            if ((line[at + j] | 0x20) != word[j]) {
                return false;
            }
        }
        return true;
    }
}
