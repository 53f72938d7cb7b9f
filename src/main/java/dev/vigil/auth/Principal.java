package dev.vigil.auth;

import java.util.Objects;

/**
 * Who is calling: the API key a request authenticated with, its name and role. Holds no secret, so it may be
 * logged and recorded (as {@code executedBy}, {@code respondedBy}, an audit actor).
 */
public record Principal(String keyId, String name, Role role) {

    public Principal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public boolean can(Permission permission) {
        return role.can(permission);
    }

    /** How this caller is named in records: {@code apikey:<id>}, stable even when a key's name is reused. */
    public String actor() {
        return "apikey:" + keyId;
    }
}
