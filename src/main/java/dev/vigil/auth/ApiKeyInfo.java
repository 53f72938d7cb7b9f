package dev.vigil.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown about an API key: everything but the key and its hash, which no listing carries.
 *
 * @param lastUsedAt when a request last authenticated with it, to the minute (null: never)
 * @param revokedAt  null while the key is active
 */
public record ApiKeyInfo(String id, String name, Role role, Instant createdAt, String createdBy, Instant lastUsedAt,
                         Instant revokedAt, String revokedBy) {

    public ApiKeyInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    public boolean active() {
        return revokedAt == null;
    }
}
