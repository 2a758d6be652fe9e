package dev.spool.scheduler.workflow;

import dev.spool.contracts.ResourceLimits;

/** {@code resources}: what a task's process tree may use; {@code kill_on_exceed} is true unless set false. */
public record ResourcesSpec(Long maxMemoryMb, Long maxCpuSeconds, Long maxOpenFiles, Long maxProcesses, Boolean killOnExceed) {

    public ResourceLimits resolve() {
        return new ResourceLimits(maxMemoryMb, maxCpuSeconds, maxOpenFiles, maxProcesses, killOnExceed == null || killOnExceed);
    }
}
