package dev.spool.scheduler.client;

/** Another Spool service did not give the gateway what it needed. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message) {
        super(message);
    }
}
