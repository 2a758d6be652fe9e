package dev.spool.storage.service;

/**
 * The writer's body stopped before its end (the writer died or its connection broke). Not the bucket's fault, so it
 * does not count against the bucket's availability.
 */
public class UploadInterruptedException extends RuntimeException {

    public UploadInterruptedException(String key, Throwable cause) {
        super("the upload of " + key + " stopped before its end (" + cause.getMessage() + "); nothing was kept, send it again", cause);
    }
}
