package dev.spool.storage.service;

import dev.spool.contracts.blocked.CorruptBlockException;

/** A stored output whose bytes fail their check; what was read of it before the corrupt block is all that is served. */
public class StoredCopyCorruptException extends RuntimeException {

    public StoredCopyCorruptException(String key, CorruptBlockException cause) {
        super("the stored copy " + key + " is damaged: " + cause.getMessage() + ". It cannot be served past that block; "
                + "the output's kept text is still readable", cause);
    }
}
