package dev.spool.worker.service;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's environment: what it declares, over a clean base, with Spool's own names always Spool's. */
class TaskEnvironmentTest {

    @Test
    void aTaskCannotForgeTheMarkerTheReaperLooksFor() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "AWS_SECRET_ACCESS_KEY", "the worker's"));
        TaskRunner.declareEnvironment(env, Map.of("SPOOL_RUN_ID", "someone-else", "SPOOL_ATTEMPT", "9", "SPOOL_ITERATION", "3",
                "GREETING", "hi", "SPOOL_ATTEMPT_ID", "forged"), "run-1", "build", 2, "attempt-1", "/work/a1");

        assertThat(env).containsEntry("SPOOL_RUN_ID", "run-1").containsEntry("SPOOL_TASK_ID", "build")
                .containsEntry("SPOOL_ATTEMPT", "2").containsEntry("SPOOL_ATTEMPT_ID", "attempt-1").containsEntry("GREETING", "hi").containsEntry("HOME", "/work/a1")
                .containsEntry("PATH", "/usr/bin").doesNotContainKey("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void theSchedulersOwnVariablesReachTheTask() {
        Map<String, String> env = new HashMap<>();
        TaskRunner.declareEnvironment(env, Map.of("SPOOL_ITERATION", "3", "SPOOL_DEFAULT_OUTPUT_LINT", "no lint"), "run-1", "use", 1, "attempt-1", "/w");
        assertThat(env).containsEntry("SPOOL_ITERATION", "3").containsEntry("SPOOL_DEFAULT_OUTPUT_LINT", "no lint");
    }

    @Test
    void aTaskMaySetItsOwnPath() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin"));
        TaskRunner.declareEnvironment(env, Map.of("PATH", "/opt/tool/bin:/usr/bin"), "run-1", "build", 1, "attempt-1", "/work/a1");
        assertThat(env).containsEntry("PATH", "/opt/tool/bin:/usr/bin");
    }
}
