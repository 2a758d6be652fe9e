package dev.spool.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spool tui} in a real terminal: tmux runs it, the test types with {@code send-keys} and reads the screen
 * with {@code capture-pane}, as a person would look at it.
 */
class TuiIT {

    private static final String SESSION = "spool-tui-it";

    private final SpoolStack spool = SpoolStack.get();
    private final SpoolCommand cli = new SpoolCommand(spool);

    @AfterEach
    void closeTmux() {
        tmux("kill-session", "-t", SESSION);
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SESSION));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError("tmux is needed for this test (Debian: apt-get install tmux); .ci/run installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String screen() {
        return tmux("capture-pane", "-p", "-t", SESSION);
    }

    private void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private void type(String text) {
        keys("-l", text);
    }

    private void awaitScreen(String what, String text) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(screen()).contains(text));
    }

    @Test
    void aPersonOpensARunMovesToATaskReadsItsLogSearchesItAndQuits() throws Exception {
        String name = "tui-" + Long.toHexString(System.nanoTime());
        String runId = spool.submitted(spool.submit("""
                name: %s
                tasks:
                  - {id: prepare, command: [echo, ready]}
                  - id: scan
                    depends_on: [prepare]
                    command: "for i in $(seq 1 3000); do if [ $i -eq 2345 ]; then echo needle-in-the-log at $i; else echo line $i; fi; done"
                  - {id: publish, depends_on: [scan], command: [echo, published]}
                """.formatted(name), "application/yaml"));
        spool.awaitEnd(runId, Duration.ofMinutes(2));

        StringBuilder env = new StringBuilder();
        cli.environment(Map.of()).forEach((key, value) -> {
            if (key.startsWith("SPOOL_") || key.equals("HOME") || key.equals("PATH") || key.equals("JAVA_HOME")) {
                env.append(key).append("='").append(value.replace("'", "'\\''")).append("' ");
            }
        });
        tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "40",
                "cd '" + cli.home + "' && env " + env + "TERM=xterm-256color '" + cli.launcher() + "' tui; echo TUI-EXIT=$?; sleep 600");

        awaitScreen("the runs view lists the run", name);
        type("/");
        type(name);
        keys("Enter");
        awaitScreen("the search selects the run", "runs match \"" + name + "\"");
        keys("Enter");
        awaitScreen("the run's tasks, with what each depends on", "run " + name + " " + runId);
        assertThat(screen()).contains("prepare").contains("SUCCEEDED").contains("publish");

        keys("Down");
        awaitScreen("moving to the second task shows its dependencies", "scan  needs: prepare   needed by: publish");
        keys("Enter");
        awaitScreen("its log", "log of scan (stdout)");
        awaitScreen("the log's last line", "line 3000");
        type("/");
        type("needle");
        keys("Enter");
        awaitScreen("the search finds the line", "\"needle\": match 1 of 1 at line");
        assertThat(screen()).contains("needle-in-the-log at 2345");

        type("?");
        awaitScreen("help for the log view", "switch between stdout and stderr");
        type("x");
        type("e");
        awaitScreen("the export", "lines to ");
        assertThat(java.nio.file.Files.readAllLines(cli.home.resolve("spool-" + runId + "-scan-stdout.log")))
                .contains("needle-in-the-log at 2345");

        keys("Escape");
        awaitScreen("back to the run", "run " + name);
        type("q");
        awaitScreen("the UI ends cleanly", "TUI-EXIT=0");
    }
}
