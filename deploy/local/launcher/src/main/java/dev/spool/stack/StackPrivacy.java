package dev.spool.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Keeps the stack's folder out of the tasks' reach. Tasks pass through it to their own directories under the
 * workers' folders (0711: no listing), and every other folder in it, the data, the logs, the secrets and the
 * S3 server's configuration among them, is the stack's alone (0700).
 */
final class StackPrivacy {

    static final List<String> PRIVATE_FOLDERS = List.of("kafka", "postgres", "s3", "logs", "run", "secrets", "services");
    /** The first user id of the first worker's tasks; each further worker's tasks start this far above the last's. */
    static final int FIRST_TASK_UID = 70000;
    static final int TASK_UIDS_PER_WORKER = 1000;

    private StackPrivacy() {
    }

    static void lockDown(Path stackDir) {
        try {
            Files.createDirectories(stackDir);
            Files.setPosixFilePermissions(stackDir, PosixFilePermissions.fromString("rwx--x--x"));
            for (String name : PRIVATE_FOLDERS) {
                Path folder = Files.createDirectories(stackDir.resolve(name));
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the stack's folder " + stackDir + " private: " + e.getMessage(), e);
        }
    }

    static int firstTaskUid(int worker) {
        return FIRST_TASK_UID + (worker - 1) * TASK_UIDS_PER_WORKER;
    }

    /** What the stack says about its tasks' users as it starts. */
    static String taskUsers() {
        String user = System.getProperty("user.name");
        if ("root".equals(user)) {
            return "tasks run as users of their own (uids from " + FIRST_TASK_UID + "), each attempt's directory private to it";
        }
        return "tasks run as " + user + ", the stack's own user, and can read each other's files: "
                + "start the stack as root for each task to run as a user of its own";
    }
}
