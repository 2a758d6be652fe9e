package dev.spool.worker.process;

import dev.spool.contracts.ResourceUsage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one attempt's process tree has used, from its samples. CPU is the most the live tree has shown (a process
 * reaped by its parent moves into the parent's totals); peak RSS is the largest sum over the tree at one sample;
 * bytes read is the sum of each process's last count. Processes that start and end between two samples are missed.
 */
public final class UsageMeter {

    private final Map<Long, Long> readByPid = new HashMap<>();
    private long userTicks;
    private long systemTicks;
    private long rssBytes;
    private long peakRssBytes;
    private int processes;

    public synchronized void update(List<ProcSample> tree) {
        long user = 0;
        long system = 0;
        long rss = 0;
        for (ProcSample sample : tree) {
            user += sample.userTicks();
            system += sample.systemTicks();
            rss += sample.rssBytes();
            readByPid.merge(sample.pid(), sample.readBytes(), Math::max);
        }
        userTicks = Math.max(userTicks, user);
        systemTicks = Math.max(systemTicks, system);
        rssBytes = rss;
        peakRssBytes = Math.max(peakRssBytes, rss);
        processes = tree.size();
    }

    public synchronized long cpuMillis() {
        return (userTicks + systemTicks) * 1000 / ProcTable.TICKS_PER_SECOND;
    }

    public synchronized long rssBytes() {
        return rssBytes;
    }

    public synchronized int processes() {
        return processes;
    }

    public synchronized ResourceUsage usage(long wallMillis, String enforcedBy, String exceeded) {
        long read = readByPid.values().stream().mapToLong(Long::longValue).sum();
        return new ResourceUsage(wallMillis, userTicks * 1000 / ProcTable.TICKS_PER_SECOND,
                systemTicks * 1000 / ProcTable.TICKS_PER_SECOND, peakRssBytes, read, enforcedBy, exceeded);
    }
}
