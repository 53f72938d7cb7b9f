package dev.vigil.store;

import dev.vigil.model.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A JSON value as a row holds it: inline text in the value's column, or, when large, the SHA-256 of the text in
 * the {@code <column>_blob} column and the text itself once in {@code blobs}. An alert routed to five workflows is
 * then stored once, not five times.
 *
 * @param inline   the JSON text when small, else null
 * @param blobHash the hash when large, else null
 * @param blobBody the JSON text when large (to insert if absent), else null
 */
record StoredValue(String inline, String blobHash, String blobBody) {

    static final StoredValue NULL = new StoredValue(null, null, null);

    private static final String INSERT_BLOB = "INSERT INTO blobs (hash, body) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING";
    private static final String BLOB_EXISTS = "SELECT 1 FROM blobs WHERE hash = ?";

    /** A small value written by the store itself (a reason in {@code error}), inline without size checks. */
    static StoredValue small(Object value) {
        return value == null ? NULL : new StoredValue(Json.write(value), null, null);
    }

    /**
     * The SQL expression reading a value column of the row aliased {@code alias}: its inline text, else the body of
     * the blob it references; named after the column.
     */
    static String select(String alias, String column) {
        return "COALESCE(" + alias + "." + column + ", (SELECT b.body FROM blobs b WHERE b.hash = " + alias + "."
                + column + "_blob)) AS " + column;
    }

    /** Binds the inline column at {@code index} and the blob column at {@code index + 1}. */
    void bind(PreparedStatement statement, int index) throws SQLException {
        statement.setString(index, inline);
        if (blobHash == null) {
            statement.setNull(index + 1, Types.VARCHAR);
        } else {
            statement.setString(index + 1, blobHash);
        }
    }

    /** Inserts the large value unless it is stored already; checking first spares sending megabytes again. */
    void saveBlob(Tx tx) throws SQLException {
        if (blobHash == null) {
            return;
        }
        PreparedStatement exists = tx.prepare(BLOB_EXISTS);
        exists.setString(1, blobHash);
        try (ResultSet row = exists.executeQuery()) {
            if (row.next()) {
                return;
            }
        }
        PreparedStatement insert = tx.prepare(INSERT_BLOB);
        insert.setString(1, blobHash);
        insert.setString(2, blobBody);
        insert.executeUpdate();
    }
}
