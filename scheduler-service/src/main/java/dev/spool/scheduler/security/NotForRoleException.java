package dev.spool.scheduler.security;

/** Something the caller's role may not do, with a message that says what it may do instead: answered 403. */
public class NotForRoleException extends RuntimeException {

    public NotForRoleException(String message) {
        super(message);
    }
}
