package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one attempt's process tree used, as its worker measured it.
 *
 * @param bytesRead  bytes the tree read through read(2) and its kin, files and pipes alike
 * @param enforcedBy how each limit was held, e.g. {@code "max_open_files=rlimit, max_memory_mb=watchdog"}
 * @param exceeded   the limit the tree went over, e.g. {@code "max_memory_mb"}, or null
 * @param containment how the worker found every process of the attempt to stop it at its end: {@code "cgroup"},
 *                    {@code "proc-marker"} (its marker or its user, read in /proc), or {@code "process-group"} only;
 *                    null where the worker did not say
 * @param taskUid     the user id the task ran as, or null when it ran as the worker's own user
 * @param leftoversKilled processes of the attempt still running when its main process had ended, and stopped then
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceUsage(
        long wallMillis,
        long userCpuMillis,
        long systemCpuMillis,
        long peakRssBytes,
        long bytesRead,
        String enforcedBy,
        String exceeded,
        String containment,
        Integer taskUid,
        int leftoversKilled) {

    public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0, 0, 0, null, null);

    public ResourceUsage(long wallMillis, long userCpuMillis, long systemCpuMillis, long peakRssBytes, long bytesRead, String enforcedBy,
                         String exceeded) {
        this(wallMillis, userCpuMillis, systemCpuMillis, peakRssBytes, bytesRead, enforcedBy, exceeded, null, null, 0);
    }

    /** The same usage, with how the attempt was contained. */
    public ResourceUsage contained(String method, Integer uid, int leftovers) {
        return new ResourceUsage(wallMillis, userCpuMillis, systemCpuMillis, peakRssBytes, bytesRead, enforcedBy, exceeded, method, uid, leftovers);
    }
}
