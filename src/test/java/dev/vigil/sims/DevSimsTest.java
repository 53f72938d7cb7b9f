package dev.vigil.sims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorFiles;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorStore;
import dev.vigil.connectors.ConnectorTypes;
import dev.vigil.secrets.SecretBox;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./vigil dev-sims} writes loads as connectors, and each one's "test connection" passes. */
class DevSimsTest {

    @TempDir
    Path dir;

    @Test
    void everySimulatorGetsAWorkingConnectorFile() throws Exception {
        List<Simulator> running = DevSims.start(dir, false);
        try {
            ConnectorService connectors = new ConnectorService(new MemoryStore(), SecretBox.of(new byte[32]),
                    ConnectorTypes.standard(), HttpClient.newHttpClient(), Instant::now);
            List<String> loaded = ConnectorFiles.load(dir, connectors, Map.of());
            assertThat(loaded).hasSize(DevSims.entries().size());
            for (DevSims.Entry entry : DevSims.entries()) {
                ConnectorService.TestResult result = connectors.test(entry.name());
                assertThat(result.ok()).as(entry.name() + ": " + result.message()).isTrue();
            }
            EmailSim mail = running.stream().filter(EmailSim.class::isInstance).map(EmailSim.class::cast)
                    .findFirst().orElseThrow();
            assertThat(mail.logins()).as("the email connector logged in to the relay").containsExactly(EmailSim.USER);
        } finally {
            running.forEach(Simulator::close);
        }
    }

    /** Connectors kept in memory: this test is about the files and the simulators, not the database. */
    static final class MemoryStore implements ConnectorStore {
        private final Map<String, StoredConnector> rows = new ConcurrentHashMap<>();

        public boolean insert(StoredConnector c) {
            return rows.values().stream().noneMatch(r -> r.name().equals(c.name())) && rows.putIfAbsent(c.id(), c) == null;
        }

        public boolean update(StoredConnector c, long expectedVersion) {
            StoredConnector current = rows.get(c.id());
            return current != null && current.version() == expectedVersion && rows.replace(c.id(), current, c);
        }

        public boolean delete(String id) {
            return rows.remove(id) != null;
        }

        public Optional<StoredConnector> byId(String id) {
            return Optional.ofNullable(rows.get(id));
        }

        public Optional<StoredConnector> byName(String name) {
            return rows.values().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        public List<StoredConnector> all() {
            return List.copyOf(rows.values());
        }
    }
}
