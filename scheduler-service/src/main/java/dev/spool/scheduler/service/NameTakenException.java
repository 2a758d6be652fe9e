package dev.spool.scheduler.service;

/** A tenant or a token whose name is already in use; the code says which. */
public class NameTakenException extends RuntimeException {

    private final String code;

    public NameTakenException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
