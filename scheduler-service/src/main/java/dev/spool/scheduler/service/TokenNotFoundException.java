package dev.spool.scheduler.service;

import java.util.UUID;

public class TokenNotFoundException extends RuntimeException {

    public TokenNotFoundException(String tenant, UUID id) {
        super("tenant \"" + tenant + "\" has no token with id " + id + "; GET /api/v1/tenants/" + tenant + "/tokens lists them");
    }
}
