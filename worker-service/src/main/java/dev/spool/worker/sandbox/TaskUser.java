package dev.spool.worker.sandbox;

/** The user and group one attempt runs as, its own while it runs; {@link #WORKER} when it runs as the worker's user. */
public record TaskUser(int uid, int gid) {

    public static final TaskUser WORKER = new TaskUser(-1, -1);

    public boolean own() {
        return uid >= 0;
    }
}
