package dev.spool.scheduler.rest;

import dev.spool.support.rest.InvalidRequestException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a token lives, as people write it ("90d", "12h", "30m", "3600s") or as ISO-8601 ("P30D", "PT12H"). */
final class TokenLifetimes {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Duration LONGEST = Duration.ofDays(3650);

    private TokenLifetimes() {
    }

    /** Null for a token that lives until it is revoked. */
    static Duration parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration lifetime = read(parameter, text.trim());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new InvalidRequestException(parameter, parameter + " must be more than 0 and at most 3650d; got \"" + text + "\"");
        }
        return lifetime;
    }

    private static Duration read(String parameter, String text) {
        Matcher shortForm = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(parameter, parameter + " is a duration such as \"90d\", \"12h\", \"30m\" or \"P30D\"; got \""
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
        }
    }
}
