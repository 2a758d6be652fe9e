package dev.spool.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What one attempt's process tree may use; a null field is not limited.
 *
 * @param killOnExceed end the attempt as RESOURCE_EXCEEDED when it goes over; otherwise only record that it did
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResourceLimits(Long maxMemoryMb, Long maxCpuSeconds, Long maxOpenFiles, Long maxProcesses, boolean killOnExceed) {

    public static final ResourceLimits NONE = new ResourceLimits(null, null, null, null, true);
}
