package dev.spool.scheduler.model;

/**
 * One entry of {@code depends_on}: the task, and what happens to the dependent when that task does not succeed
 * (used by the {@code conditional} strategy; the other strategies decide for every dependency alike).
 */
public record Dependency(String task, OnFailure onFailure) {

    public Dependency {
        onFailure = onFailure == null ? OnFailure.SKIP : onFailure;
    }

    public static Dependency on(String task) {
        return new Dependency(task, OnFailure.SKIP);
    }

    public record OnFailure(Action action, String value) {

        public static final OnFailure SKIP = new OnFailure(Action.SKIP, null);
        public static final OnFailure WARN = new OnFailure(Action.WARN, null);

        public enum Action { SKIP, WARN, USE_DEFAULT, RUN_ALTERNATIVE }

        public static OnFailure useDefault(String text) {
            return new OnFailure(Action.USE_DEFAULT, text);
        }

        public static OnFailure runAlternative(String taskId) {
            return new OnFailure(Action.RUN_ALTERNATIVE, taskId);
        }
    }
}
