package dev.spool.scheduler.client;

/** The storage-service has no object under the key a record names. */
public class ObjectMissingException extends RuntimeException {

    public ObjectMissingException(String objectKey) {
        super("no object " + objectKey + " in the bucket");
    }
}
