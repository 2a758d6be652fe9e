package dev.spool.storage.service;

public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
        super("no stored object with key '" + key + "'");
    }
}
