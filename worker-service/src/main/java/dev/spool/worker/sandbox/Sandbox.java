package dev.spool.worker.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Where each attempt runs: as a user of its own, in a containment of its own; the two are made and undone together. */
@ApplicationScoped
public class Sandbox {

    private final TaskUsers users;
    private final Containments containments;

    public Sandbox(TaskUsers users, Containments containments) {
        this.users = users;
        this.containments = containments;
    }

    /** One attempt's room. {@link #leave} stops whatever is still running in it. */
    public record Room(TaskUser user, Containment containment) {
    }

    public Room enter(UUID attemptId) {
        TaskUser user = users.acquire();
        try {
            return new Room(user, containments.forAttempt(attemptId, user));
        } catch (RuntimeException e) {
            users.release(user);
            throw e;
        }
    }

    /**
     * The task's argv run as the room's user, inside its containment, with the worker's control tools in between: they
     * run as the worker, to set limits and measure the tree that the task's user cannot touch.
     */
    public List<String> argv(Room room, List<String> task, UnaryOperator<List<String>> controls) {
        return room.containment().enter(controls.apply(users.runAs(room.user(), task)));
    }

    /** Stops what is left in the room and gives back its user. @return how many processes were left */
    public int leave(Room room) {
        int left = room.containment().stopAll();
        room.containment().close();
        users.release(room.user());
        return left;
    }
}
