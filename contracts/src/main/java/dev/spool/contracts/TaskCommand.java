package dev.spool.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What a worker runs for a task: an argv, a shell command line, or a script. Field names are fixed here,
 * not by whichever mapper a service configures, because the scheduler and the workers must agree.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskCommand.Argv.class, name = "argv"),
        @JsonSubTypes.Type(value = TaskCommand.Shell.class, name = "shell"),
        @JsonSubTypes.Type(value = TaskCommand.Script.class, name = "script"),
        @JsonSubTypes.Type(value = TaskCommand.PlatformSpecific.class, name = "platform")
})
public sealed interface TaskCommand {

    /** Executed directly, without a shell. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Argv(List<String> args) implements TaskCommand {
        public Argv {
            args = List.copyOf(args);
        }
    }

    /** A command line given as one string, run by {@code sh -c}, so pipes and redirections work. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Shell(String commandLine) implements TaskCommand {
    }

    /** A script body, run by {@code sh -e} so that the first failing line fails the task. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Script(String source) implements TaskCommand {
    }

    /**
     * One command per kind of operating system; the worker runs the one for its own, else {@code cross}.
     * Any of the three may be null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlatformSpecific(TaskCommand unix, TaskCommand windows, TaskCommand cross) implements TaskCommand {

        /** The variant for an OS as {@code os.name} names it, or null when there is none. */
        public TaskCommand forOs(String osName) {
            TaskCommand own = osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? windows : unix;
            return own != null ? own : cross;
        }
    }
}
