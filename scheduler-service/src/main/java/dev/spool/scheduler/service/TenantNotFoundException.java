package dev.spool.scheduler.service;

public class TenantNotFoundException extends RuntimeException {

    public TenantNotFoundException(String tenant) {
        super("no tenant named \"" + tenant + "\"; GET /api/v1/tenants lists them, POST /api/v1/tenants creates one");
    }
}
