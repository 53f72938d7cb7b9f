package dev.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One write transaction of the writer, shared by every unit of work in a group commit. Prepared statements are
 * kept for the whole transaction: a batch saves the same few statements hundreds of times, and preparing is a
 * real part of SQLite's cost per statement.
 */
final class Tx implements AutoCloseable {

    final Connection connection;
    final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Tx(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /**
     * The statement for {@code sql}, prepared once per transaction. Callers set every parameter before each use
     * and read a query's results before running the same statement again.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing is cleanup; the transaction's outcome is already decided
            }
        }
        statements.clear();
    }
}
