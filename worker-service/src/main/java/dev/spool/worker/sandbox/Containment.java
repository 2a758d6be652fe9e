package dev.spool.worker.sandbox;

import java.util.List;
import java.util.Set;

/**
 * What holds every process one attempt starts, whether or not it left the attempt's process group ({@code setsid},
 * a double fork), so that the worker can see them while the attempt runs and stop all of them when it ends.
 */
public sealed interface Containment permits CgroupContainment, ProcMarkerContainment {

    /** The name the attempt's usage gives the method: {@code cgroup} or {@code proc-marker}. */
    String method();

    /** The argv that starts the task inside: its first process enters before it can start another. */
    List<String> enter(List<String> argv);

    /** The process ids inside now, beyond what the process group shows; empty where the method cannot list them cheaply. */
    Set<Long> members();

    /** Stops every process still inside, and waits until they are gone. @return how many there were */
    int stopAll();

    /** Lets go of what the containment holds on the machine, once nothing is inside. */
    void close();
}
