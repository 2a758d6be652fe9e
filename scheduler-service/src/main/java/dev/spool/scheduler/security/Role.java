package dev.spool.scheduler.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do. A viewer reads its tenant's runs; a submitter also submits and controls them; an admin
 * sees and controls every tenant's runs and manages tenants and tokens.
 */
public enum Role {
    ADMIN(Names.ADMIN), SUBMITTER(Names.SUBMITTER), VIEWER(Names.VIEWER);

    /** The role names, as {@code @RolesAllowed} needs them: constants. */
    public static final class Names {
        public static final String ADMIN = "admin";
        public static final String SUBMITTER = "submitter";
        public static final String VIEWER = "viewer";

        private Names() {
        }
    }

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The role of that name, or an IllegalArgumentException whose message lists the roles there are. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("there is no role " + (name == null ? "null" : "\"" + name + "\"") + "; use one of "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
