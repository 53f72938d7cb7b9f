package dev.vigil.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The first start of an installation: when no API key exists at all, creates the admin key, so that Vigil is never
 * reachable without a key and the operator is never locked out.
 *
 * <p>With {@code VIGIL_ADMIN_API_KEY} set (automation: the key is known before the server starts), that value
 * becomes the admin key. Otherwise a key is generated and written to {@code <dataDir>/admin-api-key}, readable by
 * the owner only, and the outcome's message names the file; the key itself is never logged. On every later start
 * there are keys, and nothing happens, whatever the environment says: changing the variable does not replace a
 * key (revoke it and create another through the API).
 */
public final class AdminKeyBootstrap {

    public static final String ENV = "VIGIL_ADMIN_API_KEY";
    public static final String FILE = "admin-api-key";
    static final String NAME = "admin (created at first start)";
    static final String ACTOR = "bootstrap";

    /** What the bootstrap did; {@link #message()} is one line for the operator, never containing a key. */
    public sealed interface Outcome {
        String message();

        /** Keys existed already. */
        record AlreadySetUp() implements Outcome {
            @Override
            public String message() {
                return "API keys: set up already";
            }
        }

        record FromEnvironment(String keyId) implements Outcome {
            @Override
            public String message() {
                return "API keys: the admin key is the value of " + ENV + " (key id " + keyId + ")";
            }
        }

        /** @param ownerOnly false where the file system has no POSIX permissions: the operator must protect it */
        record WrittenToFile(String keyId, Path file, boolean ownerOnly) implements Outcome {
            @Override
            public String message() {
                return "API keys: created the admin key " + keyId + " and wrote it to " + file.toAbsolutePath()
                        + (ownerOnly ? " (readable by this user only)"
                        : " (this file system has no POSIX permissions: restrict access to it yourself)")
                        + "; use it as 'Authorization: ApiKey <key>', then create personal keys and delete the file";
            }
        }
    }

    private final ApiKeyStore store;
    private final Clock clock;

    public AdminKeyBootstrap(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the admin key if there is no key at all.
     *
     * @param environment the process environment ({@code System.getenv()}), given so tests can choose
     * @param dataDir     where the key file goes when the environment does not give the key
     * @throws IllegalArgumentException when {@code VIGIL_ADMIN_API_KEY} is set but unusable (too short, spaces)
     */
    public Outcome run(Map<String, String> environment, Path dataDir) {
        if (!store.isEmpty()) {
            return new Outcome.AlreadySetUp();
        }
        String given = environment.get(ENV);
        return given == null || given.isEmpty() ? generate(dataDir) : fromEnvironment(given);
    }

    private Outcome fromEnvironment(String key) {
        if (key.length() < KeyMaterial.MIN_LENGTH) {
            throw new IllegalArgumentException(ENV + " must be at least " + KeyMaterial.MIN_LENGTH
                    + " characters long, not " + key.length() + "; a random one: openssl rand -base64 32");
        }
        if (!KeyMaterial.plausible(key)) {
            throw new IllegalArgumentException(ENV + " may hold only visible ASCII characters (no spaces) and at "
                    + "most " + KeyMaterial.MAX_LENGTH + " of them, since it is sent in an HTTP header");
        }
        // a key of our form keeps its id, so it is found by id like any other; any other text is found by its hash
        String id = KeyMaterial.idOf(key).orElseGet(KeyMaterial::newId);
        if (!store.insertFirst(admin(id, key))) {
            return new Outcome.AlreadySetUp(); // another node started at the same moment and won
        }
        return new Outcome.FromEnvironment(id);
    }

    /**
     * Writes the key to a temporary file first and moves it into place only once the key is stored: a key that
     * could not be written is never stored, and a node that lost the race to another leaves no file behind.
     */
    private Outcome generate(Path dataDir) {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        Path file = dataDir.resolve(FILE);
        Path temporary = dataDir.resolve(FILE + ".tmp-" + generated.id());
        boolean ownerOnly;
        try {
            Files.createDirectories(dataDir);
            ownerOnly = writeOwnerOnly(temporary, generated.key() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin API key to " + temporary.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        try {
            if (!store.insertFirst(admin(generated.id(), generated.key()))) {
                return new Outcome.AlreadySetUp();
            }
            try {
                move(temporary, file);
            } catch (IOException e) {
                store.delete(generated.id()); // nobody may hold a key that no file shows
                throw new UncheckedIOException("cannot write the admin API key to " + file.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
            return new Outcome.WrittenToFile(generated.id(), file, ownerOnly);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private StoredKey admin(String id, String key) {
        ApiKeyInfo info = new ApiKeyInfo(id, NAME, Role.ADMIN, clock.instant(), ACTOR, null, null, null);
        return new StoredKey(info, KeyMaterial.hash(key));
    }

    static boolean writeOwnerOnly(Path file, String text) throws IOException {
        return OwnerOnlyFiles.write(file, text);
    }

    private static void move(Path from, Path to) throws IOException {
        OwnerOnlyFiles.move(from, to);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temporary file is gone after a successful move; otherwise it holds a key that was never stored
        }
    }
}
