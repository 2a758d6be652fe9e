package dev.spool.scheduler.workflow;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for a misspelt name: the closest known name, if it is close enough to be a typo. */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<String> closest(String given, Collection<String> known) {
        int allowed = Math.max(2, given.length() / 3);
        return known.stream()
                .map(candidate -> new Scored(candidate, distance(normalize(given), normalize(candidate))))
                .filter(scored -> scored.distance <= allowed)
                .min(Comparator.comparingInt(Scored::distance))
                .map(Scored::name);
    }

    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(name -> "; did you mean '" + name + "'?").orElse("");
    }

    private static String normalize(String name) {
        return name.toLowerCase().replace("-", "_");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Scored(String name, int distance) {
    }
}
