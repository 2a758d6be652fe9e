package dev.spool.scheduler.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling the gateway: the tenant its token belongs to, the token's name and its role. */
public record Caller(String tenant, String name, Role role) {

    /** The identity attribute that carries the tenant, set by whatever authenticated the request. */
    public static final String TENANT_ATTRIBUTE = "spool.tenant";

    public static Caller of(SecurityIdentity identity) {
        Role role = identity.hasRole(Role.Names.ADMIN) ? Role.ADMIN
                : identity.hasRole(Role.Names.SUBMITTER) ? Role.SUBMITTER : Role.VIEWER;
        return new Caller(identity.getAttribute(TENANT_ATTRIBUTE), identity.getPrincipal().getName(), role);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** Whether a run of that tenant is this caller's to see: its own tenant's, or any for an admin. */
    public boolean sees(String runTenant) {
        return admin() || tenant.equals(runTenant);
    }
}
