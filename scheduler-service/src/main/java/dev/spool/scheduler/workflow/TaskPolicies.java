package dev.spool.scheduler.workflow;

import dev.spool.support.Texts;
import dev.spool.scheduler.model.ContextPolicy;
import dev.spool.scheduler.model.DependencyStrategy;
import dev.spool.scheduler.model.LoopPolicy;
import dev.spool.scheduler.model.RetryPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the scheduling fields of a task (with the workflow's defaults) into the policies the engine applies.
 * Every problem is added to {@code violations} with its field path, and a usable value is still returned, so
 * that validation reports every problem at once.
 */
public final class TaskPolicies {

    public static final int PRIORITY_HIGH = 75;
    public static final int PRIORITY_NORMAL = 50;
    public static final int PRIORITY_LOW = 25;
    public static final Duration DEFAULT_SCHEDULE_TO_START = Duration.ofMinutes(5);
    /** A bound that keeps a looping task's history, one attempt per iteration, within reason. */
    public static final int MAX_ITERATIONS = 100_000;
    public static final int MAX_ATTEMPTS = 100;
    /**
     * Upper bounds of the durations a workflow gives. Each time the scheduler derives from them (deadlines, backoffs)
     * must fit the database; beyond these, a value is a typo rather than a plan.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(7);
    public static final Duration MAX_SCHEDULE_TO_START = Duration.ofDays(7);
    public static final Duration MAX_RETRY_DELAY = Duration.ofDays(1);

    private TaskPolicies() {
    }

    public static Duration duration(String text, String at, Duration fallback, Duration max, List<Violation> violations) {
        if (text == null) {
            return fallback;
        }
        try {
            Duration duration = TimeoutSpec.parseDuration(text);
            if (duration.isNegative() || duration.isZero()) {
                violations.add(new Violation(at, "must be more than zero, e.g. 30s or 5m"));
                return fallback;
            }
            if (duration.compareTo(max) > 0) {
                violations.add(new Violation(at, Texts.quote(text) + " is longer than the " + describe(max) + " allowed here"));
                return fallback;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(at, e.getMessage()));
            return fallback;
        }
    }

    /** A bound as a person writes it: 7d, 24h. */
    public static String describe(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }

    public static int priority(Object value, String at, List<Violation> violations) {
        if (value == null) {
            return PRIORITY_NORMAL;
        }
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue()) || number.intValue() < 0 || number.intValue() > 100) {
                violations.add(new Violation(at, "a numeric priority is a whole number from 0 to 100 (higher runs first), got " + value));
                return PRIORITY_NORMAL;
            }
            return number.intValue();
        }
        return switch (value.toString().toLowerCase(Locale.ROOT)) {
            case "high" -> PRIORITY_HIGH;
            case "normal" -> PRIORITY_NORMAL;
            case "low" -> PRIORITY_LOW;
            default -> {
                violations.add(new Violation(at, "'" + value + "' is not a priority: use high, normal, low or a number from 0 to 100"
                        + Suggestions.didYouMean(value.toString(), List.of("high", "normal", "low"))));
                yield PRIORITY_NORMAL;
            }
        };
    }

    public static DependencyStrategy strategy(String value, String at, List<Violation> violations) {
        if (value == null) {
            return DependencyStrategy.ALL_REQUIRED;
        }
        try {
            return DependencyStrategy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = List.of("all_required", "any_required", "best_effort", "conditional");
            violations.add(new Violation(at, "'" + value + "' is not a dependency strategy" + Suggestions.didYouMean(value, known)
                    + " (use one of " + String.join(", ", known) + ")"));
            return DependencyStrategy.ALL_REQUIRED;
        }
    }

    public static RetryPolicy retry(RetrySpec spec, String at, List<Violation> violations) {
        if (spec == null) {
            return RetryPolicy.NONE;
        }
        int maxAttempts = 3;
        if (spec.maxAttempts() != null) {
            if (spec.maxAttempts() < 1 || spec.maxAttempts() > MAX_ATTEMPTS) {
                violations.add(new Violation(at + ".max_attempts", "counts every try including the first: from 1 to " + MAX_ATTEMPTS
                        + ", got " + spec.maxAttempts()));
            } else {
                maxAttempts = spec.maxAttempts();
            }
        }
        RetryPolicy.Backoff backoff = RetryPolicy.Backoff.EXPONENTIAL;
        if (spec.backoff() != null) {
            try {
                backoff = RetryPolicy.Backoff.valueOf(spec.backoff().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(at + ".backoff", "'" + spec.backoff() + "' is not a backoff"
                        + Suggestions.didYouMean(spec.backoff(), List.of("fixed", "linear", "exponential")) + ": use fixed, linear or exponential"));
            }
        }
        Duration initial = duration(spec.initialDelay(), at + ".initial_delay", Duration.ofSeconds(1), MAX_RETRY_DELAY, violations);
        Duration max = duration(spec.maxDelay(), at + ".max_delay", Duration.ofMinutes(5), MAX_RETRY_DELAY, violations);
        if (max.compareTo(initial) < 0) {
            violations.add(new Violation(at + ".max_delay", "must be at least initial_delay (" + initial.toMillis() + " ms), got " + max.toMillis() + " ms"));
        }
        double jitter = 0;
        if (spec.jitter() instanceof Boolean on) {
            jitter = on ? 0.2 : 0;
        } else if (spec.jitter() instanceof Number fraction && fraction.doubleValue() >= 0 && fraction.doubleValue() <= 1) {
            jitter = fraction.doubleValue();
        } else if (spec.jitter() != null) {
            violations.add(new Violation(at + ".jitter", "is true, false or a fraction from 0 to 1 (the part of each delay that is random), got " + spec.jitter()));
        }
        Set<String> kinds = null;
        Set<Integer> codes = new LinkedHashSet<>();
        if (spec.retryOn() != null) {
            kinds = new LinkedHashSet<>();
            if (spec.retryOn().isEmpty()) {
                violations.add(new Violation(at + ".retry_on", "is empty: list exit codes or failed, timeout, lost, resource_exceeded; leave it out to retry every failure"));
            }
            for (int i = 0; i < spec.retryOn().size(); i++) {
                Object entry = spec.retryOn().get(i);
                if (entry instanceof Integer code && code >= 1 && code <= 255) {
                    codes.add(code);
                } else if (entry instanceof String word && RetryPolicy.KINDS.contains(word.toLowerCase(Locale.ROOT))) {
                    kinds.add(word.toLowerCase(Locale.ROOT));
                } else {
                    violations.add(new Violation(at + ".retry_on[" + i + "]", "'" + entry + "' is neither an exit code from 1 to 255 nor one of failed, timeout, lost, resource_exceeded"
                            + (entry instanceof String word ? Suggestions.didYouMean(word, RetryPolicy.KINDS) : "")));
                }
            }
        }
        return new RetryPolicy(maxAttempts, backoff, initial.toMillis(), max.toMillis(), jitter, kinds, codes);
    }

    public static LoopPolicy loop(LoopSpec spec, String at, List<Violation> violations) {
        if (spec == null) {
            return null;
        }
        if (spec.maxIterations() == null) {
            violations.add(new Violation(at + ".max_iterations", "required: a loop needs a bound, e.g. max_iterations: 10"));
        } else if (spec.maxIterations() < 1 || spec.maxIterations() > MAX_ITERATIONS) {
            violations.add(new Violation(at + ".max_iterations", "must be from 1 to " + MAX_ITERATIONS + ", got " + spec.maxIterations()));
        }
        LoopPolicy loop = new LoopPolicy(spec.maxIterations() == null ? 1 : spec.maxIterations(), spec.until());
        if (!loop.untilSucceeded()) {
            condition(spec.until(), at + ".until", true, violations);
        }
        return loop;
    }

    public static dev.spool.scheduler.dag.Condition condition(String text, String at, boolean selfAllowed, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            return dev.spool.scheduler.dag.Condition.parse(text, selfAllowed);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(at, e.getMessage()));
            return null;
        }
    }

    public static ContextPolicy context(ContextSpec spec, String at, List<Violation> violations) {
        if (spec == null) {
            return ContextPolicy.DEFAULT;
        }
        ContextPolicy.Mode mode = ContextPolicy.DEFAULT.mode();
        if (spec.mode() != null) {
            try {
                mode = ContextPolicy.Mode.valueOf(spec.mode().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                List<String> known = List.of("none", "dependencies", "smart", "all");
                violations.add(new Violation(at + ".mode", "'" + spec.mode() + "' is not a context mode" + Suggestions.didYouMean(spec.mode(), known)
                        + " (use one of " + String.join(", ", known) + ")"));
            }
        }
        long maxBytes = ContextPolicy.DEFAULT_MAX_BYTES;
        if (spec.maxBytes() != null) {
            if (spec.maxBytes() < 0) {
                violations.add(new Violation(at + ".max_bytes", "must not be negative, got " + spec.maxBytes()));
            } else {
                maxBytes = spec.maxBytes();
            }
        }
        int maxTasks = ContextPolicy.DEFAULT_MAX_TASKS;
        if (spec.maxTasks() != null) {
            if (spec.maxTasks() < 0) {
                violations.add(new Violation(at + ".max_tasks", "must not be negative, got " + spec.maxTasks()));
            } else {
                maxTasks = spec.maxTasks();
            }
        }
        double minRelevance = 0;
        if (spec.minRelevance() != null) {
            if (spec.minRelevance() < 0 || spec.minRelevance() > 1) {
                violations.add(new Violation(at + ".min_relevance", "is a score from 0 to 1, got " + spec.minRelevance()));
            } else {
                minRelevance = spec.minRelevance();
            }
        }
        return new ContextPolicy(mode, maxBytes, maxTasks, minRelevance);
    }

    public static double rateLimit(RateLimitSpec spec, String at, List<Violation> violations) {
        if (spec == null) {
            return 0;
        }
        List<String> problems = new ArrayList<>();
        if (spec.perSecond() != null && spec.perMinute() != null) {
            problems.add("give per_second or per_minute, not both");
        } else if (spec.perSecond() == null && spec.perMinute() == null) {
            problems.add("give per_second or per_minute, e.g. {per_second: 5}");
        } else if (spec.permitsPerSecond() <= 0) {
            problems.add("must be more than zero");
        }
        problems.forEach(problem -> violations.add(new Violation(at, problem)));
        return problems.isEmpty() ? spec.permitsPerSecond() : 0;
    }
}
