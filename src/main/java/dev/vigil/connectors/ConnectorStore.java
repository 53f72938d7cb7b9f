package dev.vigil.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where connector instances are kept; secrets arrive and leave sealed ({@link StoredConnector}). */
public interface ConnectorStore {

    /** A row as stored: secrets sealed, by name. */
    record StoredConnector(String id, String name, String type, Map<String, Object> config,
                           Map<String, String> sealedSecrets, String source, long version, Instant createdAt,
                           Instant updatedAt) {
    }

    /** @return false when the name (or id) is taken */
    boolean insert(StoredConnector connector);

    /** @return false when the row is gone or its version is not {@code expectedVersion} */
    boolean update(StoredConnector connector, long expectedVersion);

    boolean delete(String id);

    Optional<StoredConnector> byId(String id);

    Optional<StoredConnector> byName(String name);

    List<StoredConnector> all();
}
