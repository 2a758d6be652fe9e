package dev.spool.scheduler.workflow;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spool.contracts.TaskCommand;

/** {@code platform_commands}: the command for each kind of worker OS, and one for any. */
public record PlatformCommandsSpec(
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand unix,
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand windows,
        @JsonDeserialize(using = CommandDeserializer.class) TaskCommand cross) {

    public TaskCommand.PlatformSpecific toCommand() {
        return new TaskCommand.PlatformSpecific(unix, windows, cross);
    }
}
