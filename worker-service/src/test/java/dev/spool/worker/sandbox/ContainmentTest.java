package dev.spool.worker.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Whatever an attempt started is found and stopped, by either method, even when it left the attempt's process group. */
class ContainmentTest {

    /** A task that leaves two daemons in sessions of their own, one of them by a double fork, and ends. */
    private static final List<String> LEAVES_DAEMONS = List.of("sh", "-c",
            "setsid sleep 300 > /dev/null 2>&1 & (setsid sh -c 'sleep 301' > /dev/null 2>&1 &); sleep 0.3");

    @Test
    void theMarkerFindsDaemonsThatLeftTheGroupAndStopsThemAll() throws Exception {
        String attempt = UUID.randomUUID().toString();
        ProcMarkerContainment containment = new ProcMarkerContainment(Path.of("/proc"), attempt, TaskUser.WORKER);
        ProcessBuilder builder = new ProcessBuilder(containment.enter(LEAVES_DAEMONS));
        builder.environment().put(ProcMarkerContainment.MARKER, attempt);
        assertThat(builder.start().waitFor()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> containment.inside().size() >= 2);

        assertThat(containment.stopAll()).isGreaterThanOrEqualTo(2);
        assertThat(containment.inside()).isEmpty();
    }

    @Test
    void theMarkerMustBeWholeNotAPrefixOfAnother() {
        byte[] environment = "A=1\0SPOOL_ATTEMPT_ID=abc-def\0B=2".getBytes();
        assertThat(ProcMarkerContainment.contains(environment, "SPOOL_ATTEMPT_ID=abc-def".getBytes())).isTrue();
        assertThat(ProcMarkerContainment.contains(environment, "SPOOL_ATTEMPT_ID=abc".getBytes())).isFalse();
    }

    @Test
    void aCgroupHoldsEveryProcessTheTaskStartedAndKillsThemAtOnce() throws Exception {
        Optional<Path> own = Containments.ownCgroup();
        Path cgroup = own.map(base -> base.resolve("spool-test-" + UUID.randomUUID())).orElse(null);
        boolean made;
        try {
            made = cgroup != null && Files.createDirectory(cgroup) != null && Files.isWritable(cgroup.resolve("cgroup.procs"));
        } catch (java.io.IOException e) {
            made = false;
        }
        assumeThat(made).as("a writable cgroup2 here").isTrue();
        CgroupContainment containment = new CgroupContainment(cgroup);
        try {
            assertThat(new ProcessBuilder(containment.enter(LEAVES_DAEMONS)).start().waitFor()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> containment.members().size() >= 2);

            assertThat(containment.stopAll()).isGreaterThanOrEqualTo(2);
            assertThat(containment.members()).isEmpty();
        } finally {
            containment.stopAll();
            containment.close();
        }
        assertThat(cgroup).doesNotExist();
    }

    @Test
    void aStartingWorkerRemovesTheEmptyCgroupsOfWorkersThatAreGoneAndNoOneElses() throws Exception {
        Optional<Path> own = Containments.ownCgroup();
        Path dead = own.map(base -> base.resolve(Containments.PREFIX + Long.MAX_VALUE + "-" + UUID.randomUUID())).orElse(null);
        Path alive = own.map(base -> base.resolve(Containments.PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID())).orElse(null);
        boolean made;
        try {
            made = dead != null && Files.createDirectory(dead) != null && Files.createDirectory(dead.resolve("an-attempt")) != null
                    && Files.createDirectory(alive) != null;
        } catch (java.io.IOException e) {
            made = false;
        }
        assumeThat(made).as("a writable cgroup2 here").isTrue();
        try {
            Containments.removeLeftByTheDead(own.get());

            assertThat(dead).doesNotExist();
            assertThat(alive).exists();
        } finally {
            CgroupContainment.remove(alive);
        }
    }
}
