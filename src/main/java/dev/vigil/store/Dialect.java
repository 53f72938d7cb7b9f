package dev.vigil.store;

import java.sql.SQLException;

/**
 * The few ways the two databases differ for the job store; everything else is one SQL text. Both accept
 * {@code INSERT ... ON CONFLICT ... DO NOTHING/UPDATE}, {@code TRUE}/{@code FALSE} and row values. SQLite has no
 * row locks (its single writer serializes every write transaction), so the locking clauses are empty there.
 */
enum Dialect {

    SQLITE("sqlite", "", ""),
    POSTGRESQL("postgresql", " FOR UPDATE", " FOR UPDATE SKIP LOCKED");

    /** Folder of this database's Flyway migrations under {@code db/migration}. */
    final String migrations;
    /** Appended to a SELECT whose rows the transaction is about to change. */
    final String forUpdate;
    /** Appended to a SELECT that takes rows nobody else is working on (claims, sweeps). */
    final String skipLocked;

    Dialect(String migrations, String forUpdate, String skipLocked) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
        this.skipLocked = skipLocked;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': the job store runs on SQLite "
                + "(jdbc:sqlite:<file>) or PostgreSQL (jdbc:postgresql://<host>:<port>/<database>)");
    }

    /**
     * Failures after which the same transaction can succeed when run again: lock conflicts between nodes
     * (serialization failure, deadlock), a busy SQLite file, a lost connection, and a foreign key that a concurrent
     * sweep removed between our insert-if-absent and the row that references it (the retry inserts it again).
     */
    boolean isTransient(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && transientState(e)) {
                return true;
            }
        }
        return false;
    }

    private boolean transientState(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (this) {
            // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the file past busy_timeout.
            case SQLITE -> e.getErrorCode() == 5 || e.getErrorCode() == 6;
            case POSTGRESQL -> state.equals("40001") || state.equals("40P01") || state.equals("23503")
                    || state.equals("55P03") || state.startsWith("08") || state.equals("57P01");
        };
    }
}
