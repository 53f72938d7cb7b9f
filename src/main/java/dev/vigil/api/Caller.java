package dev.vigil.api;

import java.util.Set;

/**
 * Who made a request, as far as the API is concerned: the key's id and name (recorded as the owner of what the
 * request creates) and what its role allows.
 */
public record Caller(String keyId, String name, String role, Set<Access> allowed) {

    public boolean may(Access access) {
        return access == Access.PUBLIC || allowed.contains(access);
    }

    /** The owner recorded on jobs and workflow changes: {@code apikey:<name>}. */
    public String actor() {
        return "apikey:" + name;
    }
}
