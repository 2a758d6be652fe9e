package dev.spool.worker.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LaunchFailureTest {

    @Test
    void aMissingProgramIsCommandNotFoundWithTheShellsExitCode() {
        IOException e = catchThrowableOfType(IOException.class, () -> new ProcessBuilder("spool-no-such-program").start());
        assertThat(LaunchFailure.of("spool-no-such-program", e)).isEqualTo(new LaunchFailure(127, "command not found: spool-no-such-program"));
    }

    @Test
    void aFileThatMayNotBeExecutedIsPermissionDenied(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("not-executable.sh"), "echo hi\n");
        IOException e = catchThrowableOfType(IOException.class, () -> new ProcessBuilder(script.toString()).start());
        assertThat(LaunchFailure.of(script.toString(), e)).isEqualTo(new LaunchFailure(126, "permission denied: " + script));
    }

    @Test
    void bothWordingsOfTheJdkAreUnderstood() {
        assertThat(LaunchFailure.of("x", new IOException("Cannot run program \"x\": error=2, No such file or directory")).exitCode()).isEqualTo(127);
        assertThat(LaunchFailure.of("x", new IOException("Cannot run program \"x\": Exec failed, error: 2 (No such file or directory)")).exitCode()).isEqualTo(127);
    }
}
