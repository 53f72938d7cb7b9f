package dev.vigil.auth;

import java.util.Objects;

/**
 * An API key as stored: its shown part and the SHA-256 of the whole key (hex). The hash is not a secret the way
 * the key is (it cannot be turned back into a key), but it has no business in logs either, so {@link #toString}
 * leaves it out.
 */
public record StoredKey(ApiKeyInfo info, String hash) {

    public StoredKey {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(hash, "hash");
    }

    @Override
    public String toString() {
        return "StoredKey[info=" + info + ", hash=<hidden>]";
    }
}
