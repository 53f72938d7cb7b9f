package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where API keys are kept: only their hashes (dev.vigil.store.JdbcApiKeyStore, on the job store's database).
 * Reads return revoked keys too; deciding what a revoked key may do is {@link ApiKeys}' business.
 */
public interface ApiKeyStore {

    /** Stores a new key; fails when its id or hash is taken. */
    void insert(StoredKey key);

    /**
     * Stores the first key of an installation, only when there is no key at all (not even a revoked one), in one
     * transaction: of several nodes starting at once on one database, exactly one succeeds.
     *
     * @return whether the key was stored
     */
    boolean insertFirst(StoredKey key);

    /** True when no key was ever stored (revoked keys count as stored). */
    boolean isEmpty();

    Optional<StoredKey> byId(String id);

    /** The key with this hash: how a key without an id part (one given by VIGIL_ADMIN_API_KEY) is found. */
    Optional<StoredKey> byHash(String hash);

    /** Every key, active and revoked, oldest first, without hashes. */
    List<ApiKeyInfo> list();

    /** Revokes an active key; false when there is no active key with this id. */
    boolean revoke(String id, String actor, Instant at);

    /** Records that the key was used at {@code at}. */
    void touch(String id, Instant at);

    /** Removes a key outright: only to undo a key whose plaintext could not be handed over. */
    void delete(String id);
}
