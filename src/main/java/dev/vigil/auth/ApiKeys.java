package dev.vigil.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys: creating them (the key is returned once and only its hash is stored), authenticating an
 * {@code Authorization: ApiKey <key>} header, listing and revoking them.
 *
 * <p>A key of our form ({@code vgl_<id>_<secret>}) is found by its id and then verified by comparing hashes in
 * constant time. A key without an id (one an operator gave in {@code VIGIL_ADMIN_API_KEY}) is found by its hash,
 * through the unique index on it. Verified keys are cached briefly ({@link VerifiedKeys}); a revocation on this
 * node takes effect at once, one on another node within {@link VerifiedKeys#TTL}.
 *
 * <p>The last-used time is written at most once a minute per key and node: a client calling ten times a second
 * must not turn authentication into a stream of writes to the single writer.
 */
public final class ApiKeys {

    /** How often a key's last-used time is written at most. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_NAME = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    /** A key just created: {@code key} is its plaintext, shown to its creator once and stored nowhere. */
    public record Created(ApiKeyInfo info, String key) {
        @Override
        public String toString() {
            return "Created[info=" + info + ", key=<hidden>]";
        }
    }

    private final ApiKeyStore store;
    private final Clock clock;
    private final VerifiedKeys verified = new VerifiedKeys();

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a key.
     *
     * @param name  what the key is for ("splunk forwarder", "alice"): 1 to 100 characters, no control characters
     * @param actor who creates it, for the record ({@link Principal#actor()}, or "bootstrap")
     */
    public Created create(String name, Role role, String actor) {
        String checkedName = checkName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(actor, "actor");
        KeyMaterial.Generated generated = KeyMaterial.generate();
        ApiKeyInfo info = new ApiKeyInfo(generated.id(), checkedName, role, clock.instant(), actor, null, null, null);
        store.insert(new StoredKey(info, KeyMaterial.hash(generated.key())));
        return new Created(info, generated.key());
    }

    /**
     * The caller an {@code Authorization} header names; empty unless it is exactly {@code ApiKey <key>} (scheme in
     * any case) with an active key. Never throws for what a client sends.
     */
    public Optional<Principal> authenticate(String authorizationHeader) {
        Optional<String> key = KeyMaterial.fromHeader(authorizationHeader);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String hash = KeyMaterial.hash(key.get());
        Instant now = clock.instant();
        VerifiedKeys.Entry entry = verified.get(hash, now);
        if (entry == null) {
            long generation = verified.generation();
            Optional<StoredKey> stored = KeyMaterial.idOf(key.get()).map(store::byId).orElseGet(() -> store.byHash(hash));
            // the id finds at most one row; the hash comparison decides, in constant time
            if (stored.isEmpty() || !stored.get().info().active() || !KeyMaterial.sameHash(stored.get().hash(), hash)) {
                return Optional.empty();
            }
            ApiKeyInfo info = stored.get().info();
            entry = new VerifiedKeys.Entry(new Principal(info.id(), info.name(), info.role()), now, info.lastUsedAt());
            verified.put(hash, entry, generation);
        }
        if (verified.claimTouch(hash, now, TOUCH_EVERY)) {
            touch(entry.principal(), now);
        }
        return Optional.of(entry.principal());
    }

    private void touch(Principal principal, Instant now) {
        try {
            store.touch(principal.keyId(), now);
        } catch (RuntimeException e) {
            // bookkeeping only: the request is authenticated whether or not its last-used time is saved
            LOG.warn("could not record the use of API key {}: {}", principal.keyId(), e.getMessage());
        }
    }

    /** Every key, active and revoked, oldest first; never a key or a hash. */
    public List<ApiKeyInfo> list() {
        return store.list();
    }

    /**
     * Revokes a key; on this node it no longer authenticates when this returns.
     *
     * @return false when there is no active key with this id
     */
    public boolean revoke(String keyId, String actor) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(actor, "actor");
        try {
            return store.revoke(keyId, actor, clock.instant());
        } finally {
            verified.revoked(keyId);
        }
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an API key needs a name saying what it is for");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME) {
            throw new IllegalArgumentException("an API key's name has at most " + MAX_NAME + " characters, not "
                    + stripped.length());
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an API key's name cannot contain control characters");
        }
        return stripped;
    }
}
