package dev.vigil.store;

import dev.vigil.connectors.ConnectorStore;
import dev.vigil.model.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connector instances in the job store's database (table {@code connectors}, migration V11): writes through its
 * single writer, reads from its pool. Secret values arrive sealed and are written as they are.
 */
public final class JdbcConnectorStore implements ConnectorStore {

    private static final String COLUMNS = "id, name, type, config, secrets, source, version, created_at, updated_at";
    private static final String INSERT = "INSERT INTO connectors (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE connectors SET name = ?, type = ?, config = ?, secrets = ?, source = ?,"
            + " version = ?, updated_at = ? WHERE id = ? AND version = ?";

    private final JdbcJobStore database;

    public JdbcConnectorStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public boolean insert(StoredConnector c) {
        return database.writer().write("create connector " + c.name(), tx -> {
            // checked in the transaction: the unique index would say the same, but as a driver-specific error
            PreparedStatement taken = tx.prepare("SELECT 1 FROM connectors WHERE id = ? OR name = ?");
            taken.setString(1, c.id());
            taken.setString(2, c.name());
            try (ResultSet rs = taken.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            PreparedStatement insert = tx.prepare(INSERT);
            insert.setString(1, c.id());
            insert.setString(2, c.name());
            insert.setString(3, c.type());
            insert.setString(4, Json.write(c.config()));
            insert.setString(5, Json.write(c.sealedSecrets()));
            insert.setString(6, c.source());
            insert.setLong(7, c.version());
            EpochMicros.bind(insert, 8, c.createdAt());
            EpochMicros.bind(insert, 9, c.updatedAt());
            insert.executeUpdate();
            return true;
        });
    }

    @Override
    public boolean update(StoredConnector c, long expectedVersion) {
        return database.writer().write("update connector " + c.name(), tx -> {
            PreparedStatement taken = tx.prepare("SELECT 1 FROM connectors WHERE name = ? AND id <> ?");
            taken.setString(1, c.name());
            taken.setString(2, c.id());
            try (ResultSet rs = taken.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            PreparedStatement update = tx.prepare(UPDATE);
            update.setString(1, c.name());
            update.setString(2, c.type());
            update.setString(3, Json.write(c.config()));
            update.setString(4, Json.write(c.sealedSecrets()));
            update.setString(5, c.source());
            update.setLong(6, c.version());
            EpochMicros.bind(update, 7, c.updatedAt());
            update.setString(8, c.id());
            update.setLong(9, expectedVersion);
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public boolean delete(String id) {
        return database.writer().write("delete connector " + id, tx -> {
            PreparedStatement delete = tx.prepare("DELETE FROM connectors WHERE id = ?");
            delete.setString(1, id);
            return delete.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<StoredConnector> byId(String id) {
        return one("SELECT " + COLUMNS + " FROM connectors WHERE id = ?", id);
    }

    @Override
    public Optional<StoredConnector> byName(String name) {
        return one("SELECT " + COLUMNS + " FROM connectors WHERE name = ?", name);
    }

    @Override
    public List<StoredConnector> all() {
        return database.read("list connectors", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM connectors ORDER BY name"); ResultSet rs = select.executeQuery()) {
                List<StoredConnector> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(row(rs));
                }
                return all;
            }
        });
    }

    private Optional<StoredConnector> one(String sql, String key) {
        return database.read("read connector " + key, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static StoredConnector row(ResultSet rs) throws SQLException {
        return new StoredConnector(rs.getString(1), rs.getString(2), rs.getString(3),
                (Map<String, Object>) Json.parse(rs.getString(4)), (Map<String, String>) (Map<?, ?>) Json.parse(rs.getString(5)),
                rs.getString(6), rs.getLong(7), EpochMicros.read(rs, 8), EpochMicros.read(rs, 9));
    }
}
