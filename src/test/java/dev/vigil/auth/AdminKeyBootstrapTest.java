package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.store.JdbcApiKeyStore;
import dev.vigil.store.JdbcJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start, on a SQLite store (the same on PostgreSQL: dev.vigil.store.ApiKeysContract). */
class AdminKeyBootstrapTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private JdbcJobStore database;
    private ApiKeyStore store;
    private ApiKeys keys;
    private Path dataDir;

    @BeforeEach
    void open() {
        database = JdbcJobStore.open("jdbc:sqlite:" + dir.resolve("vigil.db"));
        store = new JdbcApiKeyStore(database);
        keys = new ApiKeys(store, clock);
        dataDir = dir.resolve("data");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private AdminKeyBootstrap.Outcome bootstrap(Map<String, String> environment) {
        return new AdminKeyBootstrap(store, clock).run(environment, dataDir);
    }

    @Test
    void withoutTheVariableTheAdminKeyIsWrittenToAFileOnlyItsOwnerCanRead() throws IOException {
        AdminKeyBootstrap.Outcome outcome = bootstrap(Map.of());

        Path file = dataDir.resolve("admin-api-key");
        assertThat(outcome).isInstanceOf(AdminKeyBootstrap.Outcome.WrittenToFile.class);
        assertThat(((AdminKeyBootstrap.Outcome.WrittenToFile) outcome).file()).isEqualTo(file);
        assertThat(((AdminKeyBootstrap.Outcome.WrittenToFile) outcome).ownerOnly()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file).strip();
        assertThat(key).startsWith("vgl_");
        assertThat(keys.authenticate("ApiKey " + key)).map(Principal::role).contains(Role.ADMIN);
        assertThat(outcome.message()).contains(file.toAbsolutePath().toString()).doesNotContain(key)
                .doesNotContain("\n");
        assertThat(outcome.toString()).doesNotContain(key);
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
        assertThat(keys.list()).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("admin (created at first start)");
            assertThat(info.createdBy()).isEqualTo("bootstrap");
        });
    }

    @Test
    void aKeyFileLeftFromAnEarlierDatabaseIsReplaced() throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("admin-api-key"), "vgl_stale\n");

        bootstrap(Map.of());

        String key = Files.readString(dataDir.resolve("admin-api-key")).strip();
        assertThat(key).isNotEqualTo("vgl_stale");
        assertThat(keys.authenticate("ApiKey " + key)).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-api-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void withTheVariableItsValueBecomesTheAdminKeyAndNoFileIsWritten() {
        String given = "automation-provided-admin-key-0123456789";

        AdminKeyBootstrap.Outcome outcome = bootstrap(Map.of("VIGIL_ADMIN_API_KEY", given));

        assertThat(outcome).isInstanceOf(AdminKeyBootstrap.Outcome.FromEnvironment.class);
        assertThat(outcome.message()).contains("VIGIL_ADMIN_API_KEY").doesNotContain(given);
        assertThat(keys.authenticate("ApiKey " + given)).map(Principal::role).contains(Role.ADMIN);
        assertThat(keys.authenticate("APIKEY " + given)).isPresent();
        assertThat(dataDir.resolve("admin-api-key")).doesNotExist();
        assertThat(keys.list().toString()).doesNotContain(given);
    }

    @Test
    void aKeyOfOurFormFromTheVariableKeepsItsId() {
        KeyMaterial.Generated generated = KeyMaterial.generate();

        AdminKeyBootstrap.Outcome outcome = bootstrap(Map.of("VIGIL_ADMIN_API_KEY", generated.key()));

        assertThat(outcome).isEqualTo(new AdminKeyBootstrap.Outcome.FromEnvironment(generated.id()));
        assertThat(keys.authenticate("ApiKey " + generated.key())).map(Principal::keyId).contains(generated.id());
    }

    @Test
    void anUnusableVariableStopsTheStartAndStoresNothing() {
        assertThatThrownBy(() -> bootstrap(Map.of("VIGIL_ADMIN_API_KEY", "too-short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VIGIL_ADMIN_API_KEY must be at least 32 characters long, not 9; a random one: "
                        + "openssl rand -base64 32");
        assertThatThrownBy(() -> bootstrap(Map.of("VIGIL_ADMIN_API_KEY", "a key with spaces in it, long enough")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spaces");
        assertThat(store.isEmpty()).isTrue();
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertThat(bootstrap(Map.of("VIGIL_ADMIN_API_KEY", "")))
                .isInstanceOf(AdminKeyBootstrap.Outcome.WrittenToFile.class);
    }

    @Test
    void laterStartsDoNothingWhateverTheEnvironmentSays() throws IOException {
        bootstrap(Map.of());
        String key = Files.readString(dataDir.resolve("admin-api-key"));

        assertThat(bootstrap(Map.of())).isEqualTo(new AdminKeyBootstrap.Outcome.AlreadySetUp());
        assertThat(bootstrap(Map.of("VIGIL_ADMIN_API_KEY", "another-key-set-after-the-first-start-0123")))
                .isEqualTo(new AdminKeyBootstrap.Outcome.AlreadySetUp());
        keys.revoke(keys.list().getFirst().id(), "test");
        assertThat(bootstrap(Map.of())).as("revoked keys count").isEqualTo(new AdminKeyBootstrap.Outcome.AlreadySetUp());

        assertThat(Files.readString(dataDir.resolve("admin-api-key"))).isEqualTo(key);
        assertThat(keys.list()).hasSize(1);
        assertThat(keys.authenticate("ApiKey another-key-set-after-the-first-start-0123")).isEmpty();
    }
}
