package dev.vigil.store;

import dev.vigil.auth.ApiKeyInfo;
import dev.vigil.auth.ApiKeyStore;
import dev.vigil.auth.Role;
import dev.vigil.auth.StoredKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the job store's database (table {@code api_keys}, migration V4): writes through its single writer,
 * reads from its pool. Only the hash of a key is stored, and listings do not even select it.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String INFO = "id, name, role, created_at, created_by, last_used_at, revoked_at, revoked_by";
    private static final String INSERT = "INSERT INTO api_keys (" + INFO + ", key_hash, first_key) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * Inserts only into an empty table. Two nodes on PostgreSQL may both see it empty; both then insert
     * {@code first_key = 1}, the unique key makes the second wait for the first and then do nothing.
     */
    private static final String INSERT_FIRST = "INSERT INTO api_keys (" + INFO + ", key_hash, first_key) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 1 WHERE NOT EXISTS (SELECT 1 FROM api_keys) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT " + INFO + ", key_hash FROM api_keys";
    private static final String LIST = "SELECT " + INFO + " FROM api_keys ORDER BY created_at, id";
    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM api_keys)";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ?, revoked_by = ? "
            + "WHERE id = ? AND revoked_at IS NULL";
    private static final String TOUCH = "UPDATE api_keys SET last_used_at = ? WHERE id = ? "
            + "AND (last_used_at IS NULL OR last_used_at < ?)";
    private static final String DELETE = "DELETE FROM api_keys WHERE id = ?";

    private final JdbcJobStore database;

    /** @param database the job store whose database (and single writer) holds the keys */
    public JdbcApiKeyStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public void insert(StoredKey key) {
        database.writer().write("store API key " + key.info().id(), tx -> {
            PreparedStatement insert = tx.prepare(INSERT);
            bind(insert, key);
            insert.setNull(10, Types.INTEGER); // first_key: only the first start's key has one
            return insert.executeUpdate();
        });
    }

    @Override
    public boolean insertFirst(StoredKey key) {
        return database.writer().write("store the first API key " + key.info().id(), tx -> {
            PreparedStatement insert = tx.prepare(INSERT_FIRST);
            bind(insert, key);
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public boolean isEmpty() {
        return database.read("look for API keys", connection -> {
            try (PreparedStatement select = connection.prepareStatement(ANY); ResultSet row = select.executeQuery()) {
                row.next();
                return !row.getBoolean(1);
            }
        });
    }

    @Override
    public Optional<StoredKey> byId(String id) {
        return database.read("read API key " + id, connection -> one(connection, SELECT + " WHERE id = ?", id));
    }

    @Override
    public Optional<StoredKey> byHash(String hash) {
        return database.read("find an API key by hash", connection -> one(connection, SELECT + " WHERE key_hash = ?",
                hash));
    }

    @Override
    public List<ApiKeyInfo> list() {
        return database.read("list API keys", connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIST); ResultSet row = select.executeQuery()) {
                List<ApiKeyInfo> keys = new ArrayList<>();
                while (row.next()) {
                    keys.add(info(row));
                }
                return List.copyOf(keys);
            }
        });
    }

    @Override
    public boolean revoke(String id, String actor, Instant at) {
        return database.writer().write("revoke API key " + id, tx -> {
            PreparedStatement update = tx.prepare(REVOKE);
            EpochMicros.bind(update, 1, at);
            update.setString(2, actor);
            update.setString(3, id);
            return update.executeUpdate() == 1;
        });
    }

    /** Never moves the time back: two nodes touching a key out of order keep the later time. */
    @Override
    public void touch(String id, Instant at) {
        database.writer().write("record the use of API key " + id, tx -> {
            PreparedStatement update = tx.prepare(TOUCH);
            EpochMicros.bind(update, 1, at);
            update.setString(2, id);
            EpochMicros.bind(update, 3, at);
            return update.executeUpdate();
        });
    }

    @Override
    public void delete(String id) {
        database.writer().write("delete API key " + id, tx -> {
            PreparedStatement delete = tx.prepare(DELETE);
            delete.setString(1, id);
            return delete.executeUpdate();
        });
    }

    private static void bind(PreparedStatement statement, StoredKey key) throws SQLException {
        ApiKeyInfo info = key.info();
        statement.setString(1, info.id());
        statement.setString(2, info.name());
        statement.setString(3, info.role().id());
        EpochMicros.bind(statement, 4, info.createdAt());
        statement.setString(5, info.createdBy());
        EpochMicros.bind(statement, 6, info.lastUsedAt());
        EpochMicros.bind(statement, 7, info.revokedAt());
        statement.setString(8, info.revokedBy());
        statement.setString(9, key.hash());
    }

    private static Optional<StoredKey> one(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredKey(info(row), row.getString("key_hash"))) : Optional.empty();
            }
        }
    }

    private static ApiKeyInfo info(ResultSet row) throws SQLException {
        return new ApiKeyInfo(row.getString("id"), row.getString("name"), Role.parse(row.getString("role")),
                EpochMicros.read(row, "created_at"), row.getString("created_by"), EpochMicros.read(row, "last_used_at"),
                EpochMicros.read(row, "revoked_at"), row.getString("revoked_by"));
    }
}
