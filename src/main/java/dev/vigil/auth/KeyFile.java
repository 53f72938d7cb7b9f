package dev.vigil.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A random key that never goes into the database (the webhook master key, the connector secrets key): from an
 * environment variable holding base64 when set, else from a file in the data directory, created on the first start
 * readable by the owner only and read on every later start.
 *
 * @param bytes           the key
 * @param origin          where it came from, for the operator (never the key)
 * @param fromEnvironment true when the environment variable gave it
 */
public record KeyFile(byte[] bytes, String origin, boolean fromEnvironment) {

    public KeyFile {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * @param what names the key in errors ("webhook master key")
     * @throws IllegalArgumentException when the variable or the file holds something that is not a usable key
     */
    public static KeyFile load(Map<String, String> environment, String variable, Path dataDir, String fileName,
                               int minBytes, String what) {
        String given = environment.get(variable);
        if (given != null && !given.isBlank()) {
            return new KeyFile(decode(given.strip(), "the value of " + variable, minBytes, what),
                    "the value of " + variable, true);
        }
        Path file = dataDir.resolve(fileName);
        try {
            if (!Files.exists(file)) {
                create(dataDir, file, minBytes);
            }
            String where = file.toAbsolutePath().toString();
            return new KeyFile(decode(Files.readString(file).strip(), where, minBytes, what), where, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes a new key beside the final name first, then links it into place only if no other process was faster. */
    private static void create(Path dataDir, Path file, int bytes) throws IOException {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(dataDir);
        Path temporary = Files.createTempFile(dataDir, file.getFileName() + ".tmp-", "");
        try {
            OwnerOnlyFiles.write(temporary, Base64.getEncoder().encodeToString(random) + "\n");
            OwnerOnlyFiles.placeIfAbsent(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Checks a key given in code or read from somewhere. */
    public static byte[] decode(String text, String where, int minBytes, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must hold a base64 " + what + " (openssl rand -base64 "
                    + minBytes + "): " + e.getMessage());
        }
        if (key.length < minBytes) {
            throw new IllegalArgumentException(where + " holds a " + what + " of " + key.length + " bytes; at least "
                    + minBytes + " are needed (openssl rand -base64 " + minBytes + ")");
        }
        return key;
    }
}
