package dev.spool.contracts.context;

import com.google.re2j.Pattern;

/**
 * A task id or a glob of them, as {@code context.include} and {@code exclude} take: {@code *} is any run of
 * characters, {@code ?} one. Matched in linear time (RE2/J), whatever the pattern.
 */
public final class TaskGlob {

    private final Pattern pattern;

    private TaskGlob(Pattern pattern) {
        this.pattern = pattern;
    }

    public static TaskGlob of(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new TaskGlob(Pattern.compile(regex.toString()));
    }

    public boolean matches(String taskId) {
        return pattern.matches(taskId);
    }
}
