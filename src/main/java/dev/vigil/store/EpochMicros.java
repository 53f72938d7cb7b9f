package dev.vigil.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Instants as BIGINT microseconds since the epoch: the same column type and arithmetic on SQLite (which has no
 * timestamp type) and PostgreSQL (whose timestamps are microseconds too), exact at microseconds, comparable with
 * plain {@code <}. Nanoseconds below a microsecond are truncated.
 */
final class EpochMicros {

    private static final long PER_SECOND = 1_000_000L;

    private EpochMicros() {
    }

    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + instant + " is outside what the store can hold "
                    + "(microseconds since 1970 in 64 bits)", e);
        }
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000L);
    }

    static void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, of(instant));
        }
    }

    static Instant read(ResultSet row, int column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : toInstant(micros);
    }

    static Instant read(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : toInstant(micros);
    }
}
