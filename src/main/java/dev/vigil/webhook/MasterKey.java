package dev.vigil.webhook;

import dev.vigil.auth.KeyFile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The key every webhook secret is derived from ({@link WebhookSecrets}). It never goes into the database, so that
 * read or write access to the database alone reveals no secret.
 *
 * <p>From {@code VIGIL_WEBHOOK_MASTER_KEY} (base64 of at least 32 bytes) when set: several nodes on one PostgreSQL
 * database must share it, or a signature made for one node fails on the others. Otherwise 32 random bytes in
 * {@code <dataDir>/webhook-master-key}, created on the first start readable by the owner only and read on every
 * later start. Losing the file changes every webhook secret (senders must be given the new ones).
 */
public final class MasterKey {

    public static final String ENV = "VIGIL_WEBHOOK_MASTER_KEY";
    public static final String FILE = "webhook-master-key";
    static final int MIN_BYTES = 32;

    private final byte[] key;
    private final String origin;
    private final boolean fromEnvironment;

    private MasterKey(byte[] key, String origin, boolean fromEnvironment) {
        this.key = key.clone();
        this.origin = origin;
        this.fromEnvironment = fromEnvironment;
    }

    /** A key given in code (tests). */
    public static MasterKey of(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a webhook master key needs at least " + MIN_BYTES + " bytes, not "
                    + key.length);
        }
        return new MasterKey(key, "given", false);
    }

    /**
     * @param environment the process environment ({@code System.getenv()}), given so tests can choose
     * @throws IllegalArgumentException when the variable or the file holds something that is not a usable key
     */
    public static MasterKey load(Map<String, String> environment, Path dataDir) {
        KeyFile key = KeyFile.load(environment, ENV, dataDir, FILE, MIN_BYTES, "webhook master key");
        return new MasterKey(key.bytes(), key.origin(), key.fromEnvironment());
    }

    byte[] bytes() {
        return key.clone();
    }

    /** Where the key came from, for the operator (never the key). */
    public String origin() {
        return origin;
    }

    /** One line for the operator at start: where the key is, and what several nodes need. */
    public String message() {
        return "webhooks: secrets are derived from the master key in " + origin + (fromEnvironment ? ""
                : " (nodes sharing one PostgreSQL database need one key: set " + ENV + " on each)");
    }
}
