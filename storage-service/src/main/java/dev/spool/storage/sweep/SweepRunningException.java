package dev.spool.storage.sweep;

/** A pass was asked for while another is under way. */
public class SweepRunningException extends RuntimeException {

    public SweepRunningException(String message) {
        super(message);
    }
}
