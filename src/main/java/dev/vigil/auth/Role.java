package dev.vigil.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles an API key has, and the one table of which role may do what. Roles are not a hierarchy in code: each
 * lists its permissions, so reading a line tells the whole truth about a role.
 *
 * <p>An editor may run the workflows it writes (a workflow author must try their work) but not answer decisions;
 * a responder runs workflows and answers decisions but cannot change what a workflow does. Only an admin manages
 * keys, since a key that may create keys may create an admin key.
 */
public enum Role {

    ADMIN(EnumSet.allOf(Permission.class)),
    EDITOR(EnumSet.of(Permission.READ, Permission.WRITE_WORKFLOWS, Permission.RUN_WORKFLOWS)),
    RESPONDER(EnumSet.of(Permission.READ, Permission.RUN_WORKFLOWS, Permission.DECIDE)),
    VIEWER(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    Role(EnumSet<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** This role's permissions (unmodifiable). */
    public Set<Permission> permissions() {
        return permissions;
    }

    /** The name stored and shown: lower case ({@code admin}, {@code editor}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A role from its name in any case; the error lists the roles there are. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; roles are admin, editor, responder, viewer");
    }
}
