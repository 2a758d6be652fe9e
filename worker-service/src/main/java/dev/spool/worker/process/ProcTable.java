package dev.spool.worker.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code /proc} once per tick for every process group the worker watches. Linux only; elsewhere it sees nothing. */
public final class ProcTable {

    static final long PAGE_BYTES = 4096;
    public static final long TICKS_PER_SECOND = 100;

    private final Path proc;

    public ProcTable() {
        this(Path.of("/proc"));
    }

    ProcTable(Path proc) {
        this.proc = proc;
    }

    public boolean available() {
        return Files.isReadable(proc.resolve("self/stat"));
    }

    /** The processes of each of {@code groups}, by process group id. */
    public Map<Long, List<ProcSample>> sample(java.util.Set<Long> groups) {
        return sample(groups, Map.of());
    }

    /** The same, with processes outside those groups counted in one of them: process id → the group it belongs with. */
    public Map<Long, List<ProcSample>> sample(java.util.Set<Long> groups, Map<Long, Long> strays) {
        Map<Long, List<ProcSample>> byGroup = new HashMap<>();
        if (groups.isEmpty()) {
            return byGroup;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, ProcTable::isPid)) {
            for (Path entry : entries) {
                ProcSample sample = read(entry);
                if (sample == null) {
                    continue;
                }
                Long group = groups.contains(sample.processGroup()) ? Long.valueOf(sample.processGroup()) : strays.get(sample.pid());
                if (group != null) {
                    byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(sample);
                }
            }
        } catch (IOException e) {
            // A process table that cannot be listed gives no samples; the watchdog then holds no limits.
        }
        return byGroup;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && Character.isDigit(name.charAt(0));
    }

    /** A process, or null when it ended while being read. */
    static ProcSample read(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"));
            // The command name sits in parentheses and may hold spaces; the fields after it are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long pid = Long.parseLong(entry.getFileName().toString());
            long group = Long.parseLong(fields[2]);
            long user = Long.parseLong(fields[11]) + Long.parseLong(fields[13]);
            long system = Long.parseLong(fields[12]) + Long.parseLong(fields[14]);
            long rss = Long.parseLong(fields[21]) * PAGE_BYTES;
            return new ProcSample(pid, group, user, system, rss, readBytes(entry));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long readBytes(Path entry) {
        try {
            for (String line : Files.readAllLines(entry.resolve("io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not every kernel lets a process read another's io counters.
        }
        return 0;
    }
}
