package dev.spool.scheduler.model;

import dev.spool.contracts.TaskEvent;

/** What a running attempt had printed and used at its latest heartbeat. */
public record AttemptProgress(long stdoutBytes, long stdoutLines, long stderrBytes, long stderrLines, long cpuMillis, long rssBytes) {

    public static AttemptProgress of(TaskEvent.Heartbeat beat) {
        return new AttemptProgress(beat.stdoutBytes(), beat.stdoutLines(), beat.stderrBytes(), beat.stderrLines(),
                beat.cpuMillis(), beat.rssBytes());
    }
}
