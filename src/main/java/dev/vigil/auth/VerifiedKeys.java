package dev.vigil.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys this node verified recently, by the hash of the whole key, so that a busy client costs one hash and one map
 * look-up per request instead of a database read. Looking up by hash leaks nothing useful through timing: an
 * attacker who learned how a SHA-256 of their guess compares to stored hashes still cannot invert the hash.
 *
 * <p>Revocation. {@link #revoked} drops the key's entries at once, and an entry computed from a read that raced
 * with a revocation is not kept (the revocation counter moved), so on this node a revoked key stops working when
 * {@code revoke} returns. Other nodes drop their entries after {@link #TTL} at the latest.
 */
final class VerifiedKeys {

    /** How long another node's revocation may take to reach this node. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** Past this many entries the cache starts over: bounded memory, whatever clients send. */
    static final int MAX_ENTRIES = 10_000;

    record Entry(Principal principal, Instant verifiedAt, Instant touchedAt) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private long revocations; // guarded by this

    /** The entry for a key hash, if it is younger than the TTL. */
    Entry get(String hash, Instant now) {
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.verifiedAt().plus(TTL))) {
            byHash.remove(hash, entry);
            return null;
        }
        return entry;
    }

    /** Read before the store is asked, handed back to {@link #put}. */
    synchronized long generation() {
        return revocations;
    }

    /** Keeps a verified key unless a key was revoked since {@code generation} was read. */
    synchronized void put(String hash, Entry entry, long generation) {
        if (generation != revocations) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            byHash.clear();
        }
        byHash.put(hash, entry);
    }

    synchronized void revoked(String keyId) {
        revocations++;
        byHash.values().removeIf(entry -> entry.principal().keyId().equals(keyId));
    }

    /**
     * True for exactly one caller per key and interval: that caller records the use. Keys not in the cache (a
     * revocation raced) are not recorded, which only makes the last-used time a little older.
     */
    boolean claimTouch(String hash, Instant now, Duration every) {
        boolean[] claimed = {false};
        byHash.computeIfPresent(hash, (h, entry) -> {
            if (entry.touchedAt() != null && now.isBefore(entry.touchedAt().plus(every))) {
                return entry;
            }
            claimed[0] = true;
            return new Entry(entry.principal(), entry.verifiedAt(), now);
        });
        return claimed[0];
    }
}
