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

    public static final long MAX_CONTEXT_BYTES = 16L * 1024 * 1024;
    public static final int MAX_CONTEXT_TASKS = 10_000;
    public static final long MAX_CONTEXT_TOKENS = 10_000_000;
    public static final int MAX_CONTEXT_PATTERNS = 100;
    private static final java.util.regex.Pattern TASK_GLOB = java.util.regex.Pattern.compile("[A-Za-z0-9_.*?\\-]{1,200}");

    /**
     * A task's context: its own fields, then {@code defaults.context}, then the {@code max_context_*} of its limits and
     * the workflow's ({@code limits}, already merged), then Spool's defaults. {@code inject_context: false} is none.
     */
    public static ContextPolicy context(ContextSpec own, ContextSpec defaults, LimitsSpec limits, Boolean inject, String at,
                                        List<Violation> violations) {
        if (Boolean.FALSE.equals(inject)) {
            return ContextPolicy.NONE;
        }
        ContextSpec spec = own != null ? own : defaults;
        String path = own != null ? at : "defaults.context";
        ContextSpec given = spec == null ? new ContextSpec(null, null, null, null, null, null, null, null, null, null) : spec;
        ContextPolicy.Mode mode = ContextPolicy.Mode.AUTOMATIC;
        Double implied = null;
        if (given.mode() != null) {
            try {
                mode = ContextPolicy.Mode.fromWireName(given.mode());
                implied = ContextPolicy.Mode.impliedMinRelevance(given.mode());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(path + ".mode", "'" + given.mode() + "' is not a context mode"
                        + Suggestions.didYouMean(given.mode(), ContextPolicy.Mode.NAMES)
                        + " (use automatic, manual or none; dependencies, smart and all are older names for automatic)"));
            }
        }
        if (mode == ContextPolicy.Mode.NONE) {
            return ContextPolicy.NONE;
        }
        List<String> include = patterns(given.include(), path + ".include", violations);
        List<String> exclude = patterns(given.exclude(), path + ".exclude", violations);
        if (mode == ContextPolicy.Mode.MANUAL && include.isEmpty()) {
            violations.add(new Violation(path + ".include", "mode: manual takes its outputs from include: name the tasks, e.g. include: [build, \"test-*\"]"));
        }
        if (mode != ContextPolicy.Mode.MANUAL && (!include.isEmpty() || !exclude.isEmpty())) {
            violations.add(new Violation(path + (include.isEmpty() ? ".exclude" : ".include"),
                    "include and exclude choose the outputs of mode: manual; add mode: manual, or use min_relevance to choose by relevance"));
        }
        LimitsSpec fallback = limits == null ? LimitsSpec.NONE : limits;
        long maxBytes = bounded(first(given.maxBytes(), fallback.maxContextBytes()), ContextPolicy.DEFAULT_MAX_BYTES, 0, MAX_CONTEXT_BYTES,
                given.maxBytes() != null ? path + ".max_bytes" : null, violations);
        long maxTasks = bounded(first(given.maxTasks() == null ? null : given.maxTasks().longValue(),
                        fallback.maxContextTasks() == null ? null : fallback.maxContextTasks().longValue()),
                ContextPolicy.DEFAULT_MAX_TASKS, 0, MAX_CONTEXT_TASKS, given.maxTasks() != null ? path + ".max_tasks" : null, violations);
        Long tokens = first(given.maxTokens(), fallback.maxContextTokens());
        Integer maxTokens = tokens == null ? null : (int) bounded(tokens, 0, 1, MAX_CONTEXT_TOKENS,
                given.maxTokens() != null ? path + ".max_tokens" : null, violations);
        double minRelevance = given.minRelevance() != null ? given.minRelevance() : implied != null ? implied : ContextPolicy.DEFAULT_MIN_RELEVANCE;
        if (minRelevance < 0 || minRelevance > 1 || Double.isNaN(minRelevance)) {
            violations.add(new Violation(path + ".min_relevance", "is a score from 0 to 1, got " + given.minRelevance()
                    + " (1 direct dependencies, 0.5 the same agent, 0.3 recent, 0 anything)"));
            minRelevance = ContextPolicy.DEFAULT_MIN_RELEVANCE;
        }
        Duration window = duration(given.window(), path + ".window", null, TimeoutSpec.LONGEST, violations);
        String format = given.format() == null ? "text" : given.format().toLowerCase(Locale.ROOT);
        if (!format.equals("text") && !format.equals("json")) {
            violations.add(new Violation(path + ".format", "'" + given.format() + "' is not a context format: use text or json"));
            format = "text";
        }
        return new ContextPolicy(mode, include, exclude, maxBytes, (int) maxTasks, maxTokens, minRelevance,
                window == null ? null : window.toMillis(), format, Boolean.TRUE.equals(given.stdin()));
    }

    private static List<String> patterns(List<String> given, String at, List<Violation> violations) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_CONTEXT_PATTERNS) {
            violations.add(new Violation(at, "at most " + MAX_CONTEXT_PATTERNS + " patterns, got " + given.size()));
            return List.of();
        }
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String pattern = given.get(i);
            if (pattern == null || !TASK_GLOB.matcher(pattern).matches()) {
                violations.add(new Violation(at + "[" + i + "]", (pattern == null ? "is empty" : "'" + pattern + "' is not a task id or a glob of them")
                        + ": use letters, digits, '_', '-', '.', with * for any run of characters and ? for one"));
            } else {
                patterns.add(pattern);
            }
        }
        return patterns;
    }

    /** The value when within bounds; else the fallback, with a violation at {@code at} unless it is null. */
    private static long bounded(Long value, long fallback, long min, long max, String at, List<Violation> violations) {
        if (value == null) {
            return fallback;
        }
        if ((value < min || value > max) && at == null) {
            return fallback;
        }
        if (value < min || value > max) {
            violations.add(new Violation(at, String.format(Locale.ROOT, "must be from %,d to %,d, got %,d", min, max, value)));
            return fallback;
        }
        return value;
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The bounds of the {@code max_context_*} defaults in a {@code limits}. */
    public static void contextLimits(LimitsSpec limits, String at, List<Violation> violations) {
        bounded(limits.maxContextBytes(), 0, 0, MAX_CONTEXT_BYTES, at + ".max_context_bytes", violations);
        bounded(limits.maxContextTasks() == null ? null : limits.maxContextTasks().longValue(), 0, 0, MAX_CONTEXT_TASKS,
                at + ".max_context_tasks", violations);
        bounded(limits.maxContextTokens(), 0, 1, MAX_CONTEXT_TOKENS, at + ".max_context_tokens", violations);
    }

    /** {@code limits.cleanup_strategy}, or null when the run prunes only on request. */
    public static dev.spool.contracts.context.CleanupPolicy cleanup(CleanupSpec spec, String at, List<Violation> violations) {
        if (spec == null) {
            return null;
        }
        dev.spool.contracts.context.CleanupPolicy.Type type = null;
        List<String> types = java.util.Arrays.stream(dev.spool.contracts.context.CleanupPolicy.Type.values())
                .map(dev.spool.contracts.context.CleanupPolicy.Type::wireName).toList();
        if (spec.type() == null) {
            violations.add(new Violation(at + ".type", "required: one of " + String.join(", ", types)));
        } else {
            try {
                type = dev.spool.contracts.context.CleanupPolicy.Type.fromWireName(spec.type());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(at + ".type", "'" + spec.type() + "' is not a cleanup strategy"
                        + Suggestions.didYouMean(spec.type(), types) + " (use one of " + String.join(", ", types) + ")"));
            }
        }
        int keep = (int) bounded(spec.keepCount() == null ? null : spec.keepCount().longValue(),
                dev.spool.contracts.context.CleanupPolicy.DEFAULT_KEEP_COUNT, 0, 1_000_000, at + ".keep_count", violations);
        int every = (int) bounded(spec.every() == null ? null : spec.every().longValue(),
                dev.spool.contracts.context.CleanupPolicy.DEFAULT_EVERY, 1, 1_000_000, at + ".every", violations);
        Long maxKept = spec.maxKeptBytes() == null ? null
                : bounded(spec.maxKeptBytes(), 0, 1024, WorkflowValidator.MAX_SIZE_BYTES, at + ".max_kept_bytes", violations);
        return type == null ? null : new dev.spool.contracts.context.CleanupPolicy(type, keep, every, maxKept);
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
