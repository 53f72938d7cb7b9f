package dev.vigil.store;

import dev.vigil.model.Json;
import dev.vigil.model.Values;
import dev.vigil.secrets.KnownSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON values to and from their stored form, with the store's size rules: up to {@link #INLINE_LIMIT} bytes a
 * value stays in its row, above it the value goes to {@code blobs} by hash, and above {@code maxBytes} it is
 * refused with {@link JobStore.ValueTooLarge} before anything is written. Known secrets ({@link KnownSecrets}) are
 * replaced in every value and log message here, the one place all of an execution's data passes on its way in. Encoding happens on the caller's thread,
 * so the writer thread only runs SQL.
 */
final class ValueCodec {

    /** Values up to this many bytes of JSON are stored in their row. */
    static final int INLINE_LIMIT = 4096;

    private final long maxBytes;

    ValueCodec(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the maximum value size must be at least 1 byte, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @param what names the value in the error when it is too large ("output of step enrich in execution 0193...");
     *             built only then, since most values are small and the executor saves several per step
     */
    StoredValue encode(Supplier<String> what, Object value) {
        if (value == null) {
            return StoredValue.NULL;
        }
        // connector secrets never reach the database, whichever step or error carried them
        String json = KnownSecrets.redact(Json.write(value));
        // three bytes per UTF-16 char at most: short texts are known small without encoding them
        if ((long) json.length() * 3 <= Math.min(INLINE_LIMIT, maxBytes)) {
            return new StoredValue(json, null, null);
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            throw new JobStore.ValueTooLarge(what.get(), utf8.length, maxBytes);
        }
        if (utf8.length <= INLINE_LIMIT) {
            return new StoredValue(json, null, null);
        }
        return new StoredValue(null, sha256(utf8), json);
    }

    /** A value as JSON text to store inline whatever its size (an answer's payload), size checked. */
    String json(String what, Object value) {
        StoredValue stored = encode(() -> what, value);
        return stored.inline() != null ? stored.inline() : stored.blobBody();
    }

    /** Checks a text stored as is (a workflow source, a log message); returns it. */
    String text(String what, String text) {
        if (text != null && (long) text.length() * 3 > maxBytes) {
            checkSize(what, text.getBytes(StandardCharsets.UTF_8).length);
        }
        return text;
    }

    private void checkSize(String what, long bytes) {
        if (bytes > maxBytes) {
            throw new JobStore.ValueTooLarge(what, bytes, maxBytes);
        }
    }

    static Object decode(String json) {
        return json == null ? null : Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> decodeMap(String json) {
        return switch (decode(json)) {
            case null -> null;
            case Map<?, ?> map -> (Map<String, Object>) map;
            // only maps are written to these columns: anything else was written by something other than the store
            case Object other -> throw new IllegalStateException("a stored value that must be a JSON object is of type "
                    + Values.typeName(other) + ": " + Values.preview(other, 80));
        };
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
