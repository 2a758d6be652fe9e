package dev.spool.worker.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where no cgroup can be made: the attempt's processes are found in /proc by the marker every one of them inherits in
 * its environment ({@value #MARKER}), or, when the attempt runs as a user of its own, by that user. A process that
 * both clears its environment and runs as the worker's user escapes it; the README says so.
 */
public final class ProcMarkerContainment implements Containment {

    public static final String MARKER = "SPOOL_ATTEMPT_ID";
    private static final int ROUNDS = 20;

    private final Path proc;
    private final byte[] marker;
    private final TaskUser user;

    ProcMarkerContainment(Path proc, String attemptId, TaskUser user) {
        this.proc = proc;
        this.marker = (MARKER + "=" + attemptId).getBytes(StandardCharsets.UTF_8);
        this.user = user;
    }

    /** {@code process-group} where there is no /proc to read (not Linux): then only the group's signal holds. */
    @Override
    public String method() {
        return Files.isReadable(proc.resolve("self/stat")) ? "proc-marker" : "process-group";
    }

    @Override
    public List<String> enter(List<String> argv) {
        // The marker is in the environment the worker gives every task.
        return argv;
    }

    @Override
    public Set<Long> members() {
        return Set.of();
    }

    /** Kills what carries the marker, round after round, until a round finds nothing: a process may fork while it is killed. */
    @Override
    public int stopAll() {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            Set<Long> found = inside();
            if (found.isEmpty()) {
                break;
            }
            for (long pid : found) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            killed.addAll(found);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return killed.size();
    }

    Set<Long> inside() {
        Set<Long> found = new HashSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, entry -> Character.isDigit(entry.getFileName().toString().charAt(0)))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && (runsAsTheUser(entry) || carriesTheMarker(entry)) && !isZombie(entry)) {
                    found.add(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc to read: nothing can be found.
        }
        return found;
    }

    private boolean runsAsTheUser(Path entry) {
        if (!user.own()) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(entry, "unix:uid")) == user.uid();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean carriesTheMarker(Path entry) {
        try {
            byte[] environment = Files.readAllBytes(entry.resolve("environ"));
            return contains(environment, marker);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isZombie(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Whether a NUL-separated environment holds the entry whole. */
    static boolean contains(byte[] environment, byte[] entry) {
        int start = 0;
        while (start < environment.length) {
            int end = start;
            while (end < environment.length && environment[end] != 0) {
                end++;
            }
            if (end - start == entry.length && java.util.Arrays.equals(environment, start, end, entry, 0, entry.length)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    @Override
    public void close() {
    }
}
