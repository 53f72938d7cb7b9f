package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of API keys: {@code vgl_<id>_<secret>}, where the id is 12 hex digits shown in listings and used to
 * find the key, and the secret is 32 bytes from {@link SecureRandom}, base64url without padding (43 characters).
 * The id's alphabet has no {@code _}, so the first {@code _} after the prefix ends it even though the secret may
 * contain {@code _}.
 *
 * <p>Why a plain SHA-256 and no password hash (bcrypt, argon2): those slow down guessing a low-entropy secret from
 * its hash. A 256-bit random secret cannot be guessed however fast the hash is, so slowness would only cost every
 * request CPU time. The one key that is not ours, {@code VIGIL_ADMIN_API_KEY}, must be at least 32 characters,
 * and the operator is told to give it a random one.
 */
final class KeyMaterial {

    static final String PREFIX = "vgl_";
    /** Shorter keys are refused without a look at the store: no key we accept is shorter. */
    static final int MIN_LENGTH = 32;
    /** Longer texts are refused before hashing: nobody's key is a megabyte. */
    static final int MAX_LENGTH = 512;

    private static final Pattern OURS = Pattern.compile("vgl_([0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A new key and its id. */
    record Generated(String id, String key) {
        @Override
        public String toString() {
            return "Generated[id=" + id + ", key=<hidden>]";
        }
    }

    private KeyMaterial() {
    }

    static Generated generate() {
        String id = newId();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new Generated(id, PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** A fresh key id: 48 random bits, so ids of one installation do not collide in practice. */
    static String newId() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }

    /** The id part of a key of our form; empty for any other text (a key from VIGIL_ADMIN_API_KEY). */
    static Optional<String> idOf(String key) {
        Matcher ours = OURS.matcher(key);
        return ours.matches() ? Optional.of(ours.group(1)) : Optional.empty();
    }

    /** SHA-256 of the key's UTF-8 bytes, hex. */
    static String hash(String key) {
        return HEX.formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares two hex hashes in time independent of where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The key in an {@code Authorization} header of the form {@code ApiKey <key>} (scheme in any case, then one or
     * more spaces); empty for anything else: no header, another scheme, no key, a key with spaces or control
     * characters in it, or a key of a length no key has.
     */
    static Optional<String> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("ApiKey")) {
            return Optional.empty();
        }
        String key = header.substring(space + 1).stripLeading();
        return plausible(key) ? Optional.of(key) : Optional.empty();
    }

    /** Between the bounds and visible ASCII only: what a key can be and what an HTTP header carries unchanged. */
    static boolean plausible(String key) {
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
