package dev.spool.scheduler.dag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small condition language of {@code when} and {@code loop.until}: references to a task's outcome such as
 * {@code a.succeeded} or {@code a.exit_code}, literals, comparisons, {@code !}, {@code &&}, {@code ||} and
 * parentheses. In {@code until}, a bare property ({@code succeeded}, {@code exit_code == 0}) means the iteration
 * that just ended. Parsed once at validation; evaluated against whatever {@link Outcomes} the engine has.
 */
public sealed interface Condition {

    /** A reference to a field of a task's result object: {@code build.result.version}. */
    String RESULT_PREFIX = "result.";
    java.util.regex.Pattern RESULT_PATH = java.util.regex.Pattern.compile("result(\\.[A-Za-z0-9_\\-]+)+");

    /** The properties a reference may read. */
    Set<String> PROPERTIES = Set.of("succeeded", "failed", "skipped", "timed_out", "cancelled", "ended", "exit_code", "status", "attempts");

    /** What a condition can read: the outcome of a task, or of the iteration itself when {@code taskId} is null. */
    interface Outcomes {
        Object property(String taskId, String property);
    }

    Object evaluate(Outcomes outcomes);

    default boolean test(Outcomes outcomes) {
        return Boolean.TRUE.equals(evaluate(outcomes));
    }

    /** Every task the condition reads; a reference to the iteration itself is not one. */
    default Set<String> tasks() {
        Set<String> tasks = new LinkedHashSet<>();
        collect(this, tasks);
        return tasks;
    }

    private static void collect(Condition condition, Set<String> tasks) {
        switch (condition) {
            case Ref ref -> {
                if (ref.taskId() != null) {
                    tasks.add(ref.taskId());
                }
            }
            case Not not -> collect(not.operand(), tasks);
            case Binary binary -> {
                collect(binary.left(), tasks);
                collect(binary.right(), tasks);
            }
            case Literal literal -> {
            }
        }
    }

    record Literal(Object value) implements Condition {
        @Override
        public Object evaluate(Outcomes outcomes) {
            return value;
        }
    }

    record Ref(String taskId, String property) implements Condition {
        @Override
        public Object evaluate(Outcomes outcomes) {
            return outcomes.property(taskId, property);
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public Object evaluate(Outcomes outcomes) {
            return !Boolean.TRUE.equals(operand.evaluate(outcomes));
        }
    }

    record Binary(String operator, Condition left, Condition right) implements Condition {
        @Override
        public Object evaluate(Outcomes outcomes) {
            return switch (operator) {
                case "&&" -> left.test(outcomes) && right.test(outcomes);
                case "||" -> left.test(outcomes) || right.test(outcomes);
                default -> compare(left.evaluate(outcomes), right.evaluate(outcomes));
            };
        }

        /** A comparison with a missing value (the exit code of a task that never ran) is false, except {@code !=}. */
        private Boolean compare(Object a, Object b) {
            if (operator.equals("==")) {
                return equal(a, b);
            }
            if (operator.equals("!=")) {
                return !equal(a, b);
            }
            if (!(a instanceof Number m) || !(b instanceof Number n)) {
                return false;
            }
            double x = m.doubleValue();
            double y = n.doubleValue();
            return switch (operator) {
                case "<" -> x < y;
                case "<=" -> x <= y;
                case ">" -> x > y;
                case ">=" -> x >= y;
                default -> throw new IllegalStateException("unknown operator " + operator);
            };
        }

        private static boolean equal(Object a, Object b) {
            if (a instanceof String x && b instanceof String y) {
                return x.equalsIgnoreCase(y);
            }
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            return Objects.equals(a, b);
        }
    }

    /** Thrown with the column where the text stops making sense. */
    final class SyntaxException extends IllegalArgumentException {
        public SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * @param selfAllowed whether bare properties (the iteration itself) may be used, as in {@code until}
     */
    static Condition parse(String text, boolean selfAllowed) {
        return new Parser(text, selfAllowed).parseAll();
    }

    /**
     * A condition that passed validation, parsed once: the engine checks the same few conditions on every event
     * of a run. The memo is small and forgets everything when full.
     */
    static Condition parsed(String text, boolean selfAllowed) {
        Map<String, Condition> memo = selfAllowed ? Parser.SELF_MEMO : Parser.MEMO;
        Condition condition = memo.get(text);
        if (condition == null) {
            condition = parse(text, selfAllowed);
            if (memo.size() >= 4096) {
                memo.clear();
            }
            memo.put(text, condition);
        }
        return condition;
    }

    final class Parser {
        private static final Map<String, Condition> MEMO = new ConcurrentHashMap<>();
        private static final Map<String, Condition> SELF_MEMO = new ConcurrentHashMap<>();
        private static final String EXAMPLE = "; write for example a.succeeded && !b.failed, or a.exit_code == 0";
        private final String text;
        private final boolean selfAllowed;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> columns = new ArrayList<>();
        private int next;
        private int depth;

        /**
         * Bounds that keep parsing, and the recursion of evaluation over the tree, cheap and shallow whatever the text.
         * Real conditions are a line long.
         */
        static final int MAX_LENGTH = 4_096;
        static final int MAX_TOKENS = 400;
        static final int MAX_DEPTH = 16;

        private Parser(String text, boolean selfAllowed) {
            this.text = text == null ? "" : text;
            this.selfAllowed = selfAllowed;
            if (this.text.length() > MAX_LENGTH) {
                throw new SyntaxException("the condition has " + this.text.length() + " characters, over the " + MAX_LENGTH
                        + " allowed; split the decision over several tasks");
            }
            tokenize();
            if (tokens.size() > MAX_TOKENS) {
                throw new SyntaxException("the condition has " + tokens.size() + " terms and operators, over the " + MAX_TOKENS
                        + " allowed; split the decision over several tasks");
            }
        }

        private void deeper(int column) {
            if (++depth > MAX_DEPTH) {
                throw new SyntaxException("the condition nests deeper than " + MAX_DEPTH + " levels of '(' and '!' at column "
                        + column + "; write it flatter");
            }
        }

        /** The condition, or null when it does not parse (its error is reported elsewhere). */
        public static Condition quietly(String text) {
            try {
                return new Parser(text, true).parseAll();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        Condition parseAll() {
            if (tokens.isEmpty()) {
                throw new SyntaxException("the condition is empty" + EXAMPLE);
            }
            Condition condition = or();
            if (next < tokens.size()) {
                throw new SyntaxException("unexpected '" + tokens.get(next) + "' at column " + columns.get(next) + EXAMPLE);
            }
            return condition;
        }

        private Condition or() {
            Condition left = and();
            while (accept("||")) {
                left = new Binary("||", left, and());
            }
            return left;
        }

        private Condition and() {
            Condition left = unary();
            while (accept("&&")) {
                left = new Binary("&&", left, unary());
            }
            return left;
        }

        private Condition unary() {
            if (next < tokens.size() && tokens.get(next).equals("!")) {
                deeper(columns.get(next));
                next++;
                Condition operand = unary();
                depth--;
                return new Not(operand);
            }
            Condition operand = primary();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (accept(op)) {
                    return new Binary(op, operand, primary());
                }
            }
            return operand;
        }

        private Condition primary() {
            if (next >= tokens.size()) {
                throw new SyntaxException("the condition ends too early" + EXAMPLE);
            }
            int column = columns.get(next);
            String token = tokens.get(next++);
            if (token.equals("(")) {
                deeper(column);
                Condition inner = or();
                if (!accept(")")) {
                    throw new SyntaxException("missing ')' for the '(' at column " + column);
                }
                depth--;
                return inner;
            }
            if (token.startsWith("'") || token.startsWith("\"")) {
                return new Literal(token.substring(1, token.length() - 1));
            }
            if (token.matches("-?\\d+\\.\\d+")) {
                return new Literal(Double.parseDouble(token));
            }
            if (token.matches("-?\\d+")) {
                try {
                    return new Literal(Long.parseLong(token));
                } catch (NumberFormatException e) {
                    throw new SyntaxException("the number at column " + column + " is too large");
                }
            }
            if (token.equals("true") || token.equals("false")) {
                return new Literal(Boolean.parseBoolean(token));
            }
            if (!Character.isLetterOrDigit(token.charAt(0)) && token.charAt(0) != '_') {
                throw new SyntaxException("unexpected '" + token + "' at column " + column + EXAMPLE);
            }
            int result = token.startsWith(RESULT_PREFIX) ? 0 : token.indexOf("." + RESULT_PREFIX) + 1;
            if (result > 0 || token.startsWith(RESULT_PREFIX)) {
                String path = token.substring(result);
                if (!RESULT_PATH.matcher(path).matches()) {
                    throw new SyntaxException("'" + token + "' at column " + column + " names no field of the result: write "
                            + "<task>.result.<field>, e.g. build.result.version");
                }
                if (result == 0 && !selfAllowed) {
                    throw new SyntaxException("'" + token + "' at column " + column + " names no task; write <task>." + token);
                }
                return new Ref(result == 0 ? null : token.substring(0, result - 1), path);
            }
            int dot = token.lastIndexOf('.');
            String property = (dot < 0 ? token : token.substring(dot + 1)).toLowerCase(Locale.ROOT);
            if (!PROPERTIES.contains(property)) {
                throw new SyntaxException("'" + token + "' at column " + column + " does not end in a known property"
                        + dotSuggestion(property) + " (known: " + String.join(", ", PROPERTIES.stream().sorted().toList()) + ")");
            }
            if (dot < 0) {
                if (!selfAllowed) {
                    throw new SyntaxException("'" + token + "' at column " + column + " names no task; write <task>." + token);
                }
                return new Ref(null, property);
            }
            return new Ref(token.substring(0, dot), property);
        }

        private static String dotSuggestion(String property) {
            return PROPERTIES.stream().filter(known -> known.startsWith(property.substring(0, Math.min(3, property.length()))))
                    .findFirst().map(known -> " (did you mean '" + known + "'?)").orElse("");
        }

        private boolean accept(String token) {
            if (next < tokens.size() && tokens.get(next).equals(token)) {
                next++;
                return true;
            }
            return false;
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int start = i;
                if (c == '\'' || c == '"') {
                    int end = text.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new SyntaxException("the text starting at column " + (start + 1) + " has no closing " + c);
                    }
                    i = end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '_' || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.-".indexOf(text.charAt(i)) >= 0)) {
                        i++;
                    }
                } else if (text.startsWith("&&", i) || text.startsWith("||", i) || text.startsWith("==", i)
                        || text.startsWith("!=", i) || text.startsWith("<=", i) || text.startsWith(">=", i)) {
                    i += 2;
                } else if ("!()<>".indexOf(c) >= 0) {
                    i++;
                } else {
                    throw new SyntaxException("unexpected '" + c + "' at column " + (i + 1) + EXAMPLE);
                }
                tokens.add(text.substring(start, i));
                columns.add(start + 1);
            }
        }
    }
}
