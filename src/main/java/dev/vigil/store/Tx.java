package dev.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * One write transaction of the writer, shared by every unit of work in a group commit, on the writer's connection.
 * Prepared statements outlive the transaction: the writer keeps them with its connection, since the store runs
 * the same few statements all day and preparing them was a third of SQLite's time per write.
 */
final class Tx {

    final Connection connection;
    final Dialect dialect;
    private final Map<String, PreparedStatement> statements;

    Tx(Connection connection, Dialect dialect, Map<String, PreparedStatement> statements) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = statements;
    }

    /**
     * The statement for {@code sql}, prepared once per connection. Callers set every parameter before each use,
     * read a query's results before running the same statement again, and execute the batches they add.
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }
}
