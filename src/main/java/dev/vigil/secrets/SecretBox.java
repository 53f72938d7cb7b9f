package dev.vigil.secrets;

import dev.vigil.auth.KeyFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts connector secrets for the database with AES-256-GCM (the JDK's own implementation: nothing to gain from a
 * library here). Each value gets a fresh 96-bit nonce; the stored form is {@code v1:} + base64(nonce || ciphertext
 * || tag). The associated data binds a ciphertext to where it belongs ({@code connector id + secret name}), so a
 * value copied into another connector's row fails to decrypt instead of leaking under a different name.
 *
 * <p>The key comes from {@code VIGIL_SECRETS_KEY} (base64 of 32 bytes) or {@code <dataDir>/secrets-key}, created on
 * the first start readable by the owner only. It never goes into the database: a copy of the database alone reveals
 * no secret. Several nodes on one PostgreSQL database must share it.
 */
public final class SecretBox {

    public static final String ENV = "VIGIL_SECRETS_KEY";
    public static final String FILE = "secrets-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION = "v1:";

    private final SecretKeySpec key;
    private final String origin;
    private final boolean fromEnvironment;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key, String origin, boolean fromEnvironment) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secrets key must be " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length + " (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.origin = origin;
        this.fromEnvironment = fromEnvironment;
    }

    /** A box with a key given in code (tests). */
    public static SecretBox of(byte[] key) {
        return new SecretBox(key, "given", false);
    }

    public static SecretBox load(Map<String, String> environment, Path dataDir) {
        KeyFile file = KeyFile.load(environment, ENV, dataDir, FILE, KEY_BYTES, "secrets key");
        return new SecretBox(file.bytes(), file.origin(), file.fromEnvironment());
    }

    /** One line for the operator at start (never the key). */
    public String message() {
        return "connectors: secrets are encrypted with the key in " + origin + (fromEnvironment ? ""
                : " (back it up: without it stored connector secrets cannot be read; nodes sharing one PostgreSQL"
                        + " database need one key: set " + ENV + " on each)");
    }

    /** @param context where the value belongs ("connector 0193.../token"); the same must be given to open it */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /** @throws SecretUnreadable when the value was sealed with another key or for another place, or was altered */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new SecretUnreadable(context, "it is not in the v1 sealed form");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadable(context, "it is not base64");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadable(context, "it is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretUnreadable(context, "the secrets key is not the one it was sealed with (" + origin
                    + "), or the stored value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /** A stored secret that cannot be opened. The message names where, never a value. */
    public static final class SecretUnreadable extends RuntimeException {
        public SecretUnreadable(String context, String why) {
            super("cannot decrypt the secret " + context + ": " + why);
        }
    }
}
