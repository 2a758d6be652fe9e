package dev.spool.scheduler.workflow;

import java.util.List;

/** {@code defaults}: values for every task that does not set them itself. */
public record DefaultsSpec(
        TimeoutSpec timeout,
        String scheduleToStartTimeout,
        RetrySpec retry,
        Object priority,
        String dependencyStrategy,
        ResourcesSpec resources,
        List<Integer> successExitCodes,
        ContextSpec context,
        String agent) {

    public static final DefaultsSpec NONE = new DefaultsSpec(null, null, null, null, null, null, null, null, null);
}
