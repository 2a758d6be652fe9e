package dev.spool.support.rest;

/** A path segment or query parameter that cannot be used; answered 400, naming the parameter. */
public class InvalidRequestException extends RuntimeException {

    private final String parameter;

    public InvalidRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
