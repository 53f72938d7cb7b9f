package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.auth.AdminKeyBootstrap;
import dev.vigil.auth.ApiKeyInfo;
import dev.vigil.auth.ApiKeys;
import dev.vigil.auth.Principal;
import dev.vigil.auth.Role;
import dev.vigil.auth.StoredKey;
import dev.vigil.auth.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys on {@link JdbcApiKeyStore}, run against every database like {@link JobStoreContract}: subclasses give
 * the database, each test starts from an empty {@code api_keys} table.
 */
abstract class ApiKeysContract {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dataDir;

    private final List<JdbcJobStore> opened = new ArrayList<>();
    private final TestClock clock = new TestClock(T0);
    private JdbcApiKeyStore store;
    private ApiKeys keys;

    abstract String url();

    String user() {
        return null;
    }

    @BeforeEach
    void openOnAnEmptyTable() throws SQLException {
        store = new JdbcApiKeyStore(open()); // migrates, so the table exists to be emptied
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM api_keys");
        }
        keys = new ApiKeys(store, clock);
    }

    @AfterEach
    void close() {
        opened.forEach(JdbcJobStore::close);
    }

    private JdbcJobStore open() {
        JdbcJobStore jobs = JdbcJobStore.open(url(), user(), null);
        opened.add(jobs);
        return jobs;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user() != null) {
            properties.setProperty("user", user());
        }
        return DriverManager.getConnection(url(), properties);
    }

    private static String header(ApiKeys.Created created) {
        return "ApiKey " + created.key();
    }

    @Test
    void aCreatedKeyAuthenticatesAsItsNameAndRole() {
        ApiKeys.Created created = keys.create("soc shift", Role.RESPONDER, "apikey:admin");

        assertThat(created.key()).startsWith("vgl_" + created.info().id() + "_");
        assertThat(created.info()).isEqualTo(new ApiKeyInfo(created.info().id(), "soc shift", Role.RESPONDER, T0,
                "apikey:admin", null, null, null));
        assertThat(keys.authenticate(header(created)))
                .contains(new Principal(created.info().id(), "soc shift", Role.RESPONDER));
        assertThat(keys.authenticate("apikey " + created.key())).isPresent();
    }

    @Test
    void onlyTheHashOfAKeyIsStored() throws Exception {
        ApiKeys.Created created = keys.create("ci", Role.EDITOR, "test");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(created.key().getBytes(StandardCharsets.UTF_8)));
        String secret = created.key().substring(17);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT * FROM api_keys")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("key_hash")).isEqualTo(expected);
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                String value = row.getString(column);
                assertThat(value == null ? "" : value).doesNotContain(secret);
            }
        }
    }

    @Test
    void aWrongKeyOrAKeyWithAnotherKeysIdIsRefused() {
        ApiKeys.Created alice = keys.create("alice", Role.ADMIN, "test");
        ApiKeys.Created bob = keys.create("bob", Role.VIEWER, "test");
        String aliceId = alice.info().id();
        String bobSecret = bob.key().substring(17);

        assertThat(keys.authenticate("ApiKey vgl_" + aliceId + "_" + bobSecret)).isEmpty();
        assertThat(keys.authenticate("ApiKey vgl_" + "0".repeat(12) + "_" + bobSecret)).isEmpty();
        assertThat(keys.authenticate("ApiKey " + alice.key().substring(0, alice.key().length() - 1)
                + (alice.key().endsWith("A") ? "B" : "A"))).isEmpty();
        assertThat(keys.authenticate("ApiKey " + "x".repeat(40))).isEmpty();
        // and the right keys still work after the wrong ones were tried
        assertThat(keys.authenticate(header(alice))).map(Principal::role).contains(Role.ADMIN);
        assertThat(keys.authenticate(header(bob))).map(Principal::role).contains(Role.VIEWER);
    }

    @Test
    void malformedHeadersAuthenticateNobody() {
        ApiKeys.Created created = keys.create("ci", Role.ADMIN, "test");
        for (String header : new String[] {null, "", "Bearer x", "Bearer " + created.key(), "ApiKey", "ApiKey ",
                "ApiKey" + created.key(), "Basic " + created.key(), "ApiKey " + created.key() + " " + created.key(),
                created.key()}) {
            assertThat(keys.authenticate(header)).as(String.valueOf(header)).isEmpty();
        }
    }

    @Test
    void aRevokedKeyStopsWorkingOnThisNodeAtOnce() {
        ApiKeys.Created created = keys.create("ci", Role.EDITOR, "test");
        assertThat(keys.authenticate(header(created))).isPresent(); // now cached
        clock.advance(Duration.ofSeconds(5));

        assertThat(keys.revoke(created.info().id(), "apikey:boss")).isTrue();

        assertThat(keys.authenticate(header(created))).isEmpty();
        assertThat(keys.revoke(created.info().id(), "apikey:boss")).isFalse();
        assertThat(keys.revoke("000000000000", "apikey:boss")).isFalse();
        assertThat(keys.list()).singleElement().satisfies(info -> {
            assertThat(info.active()).isFalse();
            assertThat(info.revokedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(info.revokedBy()).isEqualTo("apikey:boss");
        });
    }

    @Test
    void aRevocationOnAnotherNodeReachesThisOneWithinTheCacheTime() {
        ApiKeys.Created created = keys.create("ci", Role.EDITOR, "test");
        ApiKeys otherNode = new ApiKeys(new JdbcApiKeyStore(open()), clock);
        assertThat(otherNode.authenticate(header(created))).isPresent();

        keys.revoke(created.info().id(), "test");

        assertThat(otherNode.authenticate(header(created))).as("cached on the other node").isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(otherNode.authenticate(header(created))).isEmpty();
    }

    @Test
    void listingsShowNoKeyAndNoHash() {
        ApiKeys.Created created = keys.create("ci", Role.EDITOR, "test");
        String hash = store.byId(created.info().id()).map(StoredKey::hash).orElseThrow();

        List<ApiKeyInfo> list = keys.list();

        assertThat(list).containsExactly(created.info());
        assertThat(list.toString()).doesNotContain(created.key()).doesNotContain(created.key().substring(17))
                .doesNotContain(hash);
        assertThat(created.toString()).doesNotContain(created.key().substring(17));
        assertThat(store.byId(created.info().id()).orElseThrow().toString()).doesNotContain(hash);
        assertThat(ApiKeyInfo.class.getRecordComponents()).extracting(c -> c.getName())
                .doesNotContain("hash", "key", "keyHash", "secret");
    }

    @Test
    void keysAreListedOldestFirst() {
        ApiKeys.Created first = keys.create("first", Role.VIEWER, "test");
        clock.advance(Duration.ofMinutes(1));
        ApiKeys.Created second = keys.create("second", Role.ADMIN, "test");
        assertThat(keys.list()).extracting(ApiKeyInfo::id).containsExactly(first.info().id(), second.info().id());
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        ApiKeys.Created created = keys.create("ci", Role.VIEWER, "test");
        assertThat(keys.list().getFirst().lastUsedAt()).isNull();

        keys.authenticate(header(created));
        assertThat(keys.list().getFirst().lastUsedAt()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(45)); // past the cache time: read again, but not written again
        keys.authenticate(header(created));
        assertThat(keys.list().getFirst().lastUsedAt()).isEqualTo(T0);
        assertThat(new ApiKeys(store, clock).authenticate(header(created))).as("a restarted node").isPresent();
        assertThat(keys.list().getFirst().lastUsedAt()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(15));
        keys.authenticate(header(created));
        assertThat(keys.list().getFirst().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theLastUseNeverMovesBack() {
        ApiKeys.Created created = keys.create("ci", Role.VIEWER, "test");
        store.touch(created.info().id(), T0.plusSeconds(120));
        store.touch(created.info().id(), T0.plusSeconds(60));
        assertThat(keys.list().getFirst().lastUsedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aKeyNeedsAName() {
        assertThatThrownBy(() -> keys.create(" ", Role.VIEWER, "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an API key needs a name saying what it is for");
        assertThatThrownBy(() -> keys.create("x".repeat(101), Role.VIEWER, "test"))
                .hasMessage("an API key's name has at most 100 characters, not 101");
        assertThat(keys.list()).isEmpty();
    }

    @Test
    void theFirstKeyIsStoredOnlyIntoAnEmptyTable() {
        assertThat(store.isEmpty()).isTrue();
        AdminKeyBootstrap.Outcome first = new AdminKeyBootstrap(store, clock).run(Map.of(), dataDir);
        assertThat(first).isInstanceOf(AdminKeyBootstrap.Outcome.WrittenToFile.class);
        assertThat(store.isEmpty()).isFalse();

        assertThat(new AdminKeyBootstrap(store, clock).run(Map.of(AdminKeyBootstrap.ENV, "y".repeat(40)), dataDir))
                .isEqualTo(new AdminKeyBootstrap.Outcome.AlreadySetUp());
        assertThat(keys.list()).singleElement().extracting(ApiKeyInfo::role).isEqualTo(Role.ADMIN);
    }

    @Test
    void insertFirstDoesNothingWhenAnyKeyExists() {
        keys.create("made through the API", Role.VIEWER, "test");
        StoredKey first = new StoredKey(new ApiKeyInfo("0123456789ab", "admin", Role.ADMIN, T0, "bootstrap", null,
                null, null), "0".repeat(64));
        assertThat(store.insertFirst(first)).isFalse();
        assertThat(store.byId("0123456789ab")).isEmpty();
    }

    @Test
    void ofNodesStartingAtOnceOnAnEmptyDatabaseExactlyOneCreatesTheAdminKey() throws Exception {
        int nodes = 4;
        List<JdbcApiKeyStore> stores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            stores.add(new JdbcApiKeyStore(open()));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AdminKeyBootstrap.Outcome>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(nodes)) {
            for (int i = 0; i < nodes; i++) {
                JdbcApiKeyStore node = stores.get(i);
                Path ownDir = dataDir.resolve("node-" + i);
                Callable<AdminKeyBootstrap.Outcome> bootstrap = () -> {
                    start.await();
                    return new AdminKeyBootstrap(node, clock).run(Map.of(), ownDir);
                };
                outcomes.add(threads.submit(bootstrap));
            }
            start.countDown();
        }
        List<AdminKeyBootstrap.Outcome> results = new ArrayList<>();
        for (Future<AdminKeyBootstrap.Outcome> outcome : outcomes) {
            results.add(outcome.get());
        }
        assertThat(results).filteredOn(AdminKeyBootstrap.Outcome.WrittenToFile.class::isInstance).hasSize(1);
        assertThat(keys.list()).hasSize(1);
        AdminKeyBootstrap.Outcome.WrittenToFile winner = results.stream()
                .filter(AdminKeyBootstrap.Outcome.WrittenToFile.class::isInstance)
                .map(AdminKeyBootstrap.Outcome.WrittenToFile.class::cast).findFirst().orElseThrow();
        String key = Files.readString(winner.file()).strip();
        assertThat(keys.authenticate("ApiKey " + key)).map(Principal::role).contains(Role.ADMIN);
        for (int i = 0; i < nodes; i++) {
            Path ownDir = dataDir.resolve("node-" + i);
            if (!ownDir.equals(winner.file().getParent())) {
                assertThat(ownDir.resolve(AdminKeyBootstrap.FILE)).as("a loser writes no key file").doesNotExist();
            }
        }
    }

    @Test
    void anAdminKeyFromTheEnvironmentWithoutOurFormIsFoundByItsHash() {
        String given = "s3cr3t-from-the-vault-0123456789abcdef";
        AdminKeyBootstrap.Outcome outcome = new AdminKeyBootstrap(store, clock)
                .run(Map.of(AdminKeyBootstrap.ENV, given), dataDir);

        assertThat(outcome).isInstanceOf(AdminKeyBootstrap.Outcome.FromEnvironment.class);
        assertThat(outcome.message()).doesNotContain(given);
        assertThat(keys.authenticate("ApiKey " + given)).map(Principal::role).contains(Role.ADMIN);
        assertThat(keys.authenticate("ApiKey " + given + "x")).isEmpty();
        assertThat(dataDir.resolve(AdminKeyBootstrap.FILE)).doesNotExist();
    }

    @Test
    void twoKeysCannotShareAnId() {
        ApiKeys.Created created = keys.create("ci", Role.VIEWER, "test");
        StoredKey sameId = new StoredKey(new ApiKeyInfo(created.info().id(), "other", Role.ADMIN, T0, "test", null,
                null, null), "0".repeat(64));
        assertThatThrownBy(() -> store.insert(sameId)).isInstanceOf(StoreFailure.class)
                .hasMessageContaining("store API key " + created.info().id());
        assertThat(keys.list()).hasSize(1);
    }
}
