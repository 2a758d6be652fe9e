package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one attempt's process tree used, as its worker measured it.
 *
 * @param bytesRead  bytes the tree read through read(2) and its kin, files and pipes alike
 * @param enforcedBy how each limit was held, e.g. {@code "max_open_files=rlimit, max_memory_mb=watchdog"}
 * @param exceeded   the limit the tree went over, e.g. {@code "max_memory_mb"}, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceUsage(
        long wallMillis,
        long userCpuMillis,
        long systemCpuMillis,
        long peakRssBytes,
        long bytesRead,
        String enforcedBy,
        String exceeded) {

    public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0, 0, 0, null, null);
}
