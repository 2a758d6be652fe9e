package dev.spool.worker.process;

import dev.spool.contracts.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes: a signal reaches the whole group the task leads, grandchildren included. */
class ProcessLauncherTest {

    private final ProcessLauncher launcher = new ProcessLauncher();
    private final ProcTable table = new ProcTable();

    @TempDir
    Path dir;

    @Test
    void sigtermToTheGroupEndsTheTaskAndItsGrandchildren() throws Exception {
        Process process = new ProcessBuilder(launcher.wrap(List.of("sh", "-c", "sleep 1000 & sleep 1000"), ResourceLimits.NONE, dir.resolve("usage")))
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.sample(Set.of(process.pid())).getOrDefault(process.pid(), List.of()).size() >= 3);

        launcher.signal(process, "TERM");

        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.sample(Set.of(process.pid())).isEmpty());
    }

    @Test
    void sigkillEndsATaskThatIgnoresSigterm() throws Exception {
        Process process = new ProcessBuilder(launcher.wrap(List.of("sh", "-c", "trap '' TERM; sleep 1000 & wait"), ResourceLimits.NONE, null))
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.sample(Set.of(process.pid())).getOrDefault(process.pid(), List.of()).size() >= 2);
        launcher.signal(process, "TERM");
        Thread.sleep(300);
        launcher.signal(process, "KILL");
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> table.sample(Set.of(process.pid())).isEmpty());
    }

    @Test
    void theExitCodeOfTheTaskComesThroughTheWrappers() throws Exception {
        Process process = new ProcessBuilder(launcher.wrap(List.of("sh", "-c", "exit 7"),
                new ResourceLimits(null, 10L, 64L, null, true), dir.resolve("usage"))).start();
        assertThat(process.waitFor()).isEqualTo(7);
    }

    @Test
    void theOpenFilesLimitIsHeldByTheKernel() throws Exception {
        Process process = new ProcessBuilder(launcher.wrap(List.of("sh", "-c", "ulimit -n"),
                new ResourceLimits(null, null, 42L, null, true), null)).start();
        assertThat(new String(process.getInputStream().readAllBytes()).trim()).isEqualTo("42");
        assertThat(launcher.enforcement(new ResourceLimits(100L, null, 42L, 5L, true)))
                .isEqualTo("max_memory_mb=watchdog, max_open_files=rlimit, max_processes=watchdog");
    }

    @Test
    void cpuTimeOfTheWholeTreeIsMeasuredExactly() throws Exception {
        Path usage = dir.resolve("usage");
        Process process = new ProcessBuilder(launcher.wrap(List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"),
                ResourceLimits.NONE, usage)).start();
        assertThat(process.waitFor()).isZero();
        ProcessLauncher.TimeReport report = ProcessLauncher.readTimeReport(usage);
        assertThat(report).isNotNull();
        assertThat(report.userMillis() + report.systemMillis()).isGreaterThan(50);
        assertThat(report.maxRssBytes()).isGreaterThan(100_000);
    }
}
