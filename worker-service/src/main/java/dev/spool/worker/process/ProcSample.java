package dev.spool.worker.process;

/**
 * One process as {@code /proc} showed it at one instant. CPU times are in clock ticks and include the children
 * it has reaped, so a tree's CPU is the sum over its live processes.
 */
public record ProcSample(long pid, long processGroup, long userTicks, long systemTicks, long rssBytes, long readBytes) {
}
