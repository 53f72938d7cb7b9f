package dev.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting finished executions, then whatever only they used: large values, workflow sources, concurrency groups.
 * Steps, logs and answers go with their execution ({@code ON DELETE CASCADE}).
 *
 * <p>The sweeps delete rows nothing references, a few hundred per transaction. Foreign keys make them safe against
 * a node that is at that moment storing a new reference to one of them: either the sweep's delete fails the key
 * check (and the writer runs it again, now seeing the reference), or the other node's insert does (and it runs
 * again, inserting the value anew).
 */
final class Retention {

    static final int SWEEP_BATCH = 500;

    /** The newest finished execution still kept by count: the {@code keepNewest}-th, newest first. */
    private static final String KEEP_BOUNDARY = "SELECT finished_at, id FROM executions WHERE status IN "
            + Statuses.TERMINAL + " AND finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1 OFFSET ?";
    private static final String VICTIMS = "SELECT id FROM executions WHERE status IN " + Statuses.TERMINAL
            + " AND finished_at IS NOT NULL AND (finished_at < ? OR finished_at < ? OR (finished_at = ? AND id < ?)) "
            + "ORDER BY finished_at, id LIMIT ?";
    private static final String DELETE_EXECUTION = "DELETE FROM executions WHERE id = ?";

    private static final String[][] BLOB_REFERENCES = {
            {"executions", "inputs_blob"}, {"executions", "event_blob"}, {"executions", "output_blob"},
            {"executions", "error_blob"}, {"executions", "metadata_blob"}, {"step_executions", "input_blob"},
            {"step_executions", "output_blob"}, {"step_executions", "error_blob"}, {"step_executions", "state_blob"},
            {"alerts", "body_blob"}};

    private Retention() {
    }

    /** The oldest finished execution kept by count, as (finished_at, id); everything before it may go. */
    record Boundary(long finishedAt, String id) {
        static final Boundary NOTHING_KEPT = new Boundary(Long.MAX_VALUE, "");
        static final Boundary ALL_KEPT = new Boundary(Long.MIN_VALUE, "");
    }

    /**
     * Finds the keep-by-count boundary. It reads past {@code keepNewest} index entries, so the store runs it on a
     * read connection, never inside the writer's transaction where it would hold up every other write.
     */
    static Boundary boundary(Connection connection, int keepNewest) throws SQLException {
        if (keepNewest == 0) {
            return Boundary.NOTHING_KEPT;
        }
        try (PreparedStatement boundary = connection.prepareStatement(KEEP_BOUNDARY)) {
            boundary.setInt(1, keepNewest - 1);
            try (ResultSet row = boundary.executeQuery()) {
                return row.next() ? new Boundary(row.getLong("finished_at"), row.getString("id")) : Boundary.ALL_KEPT;
            }
        }
    }

    /**
     * Deletes up to {@code limit} finished executions, oldest first, that finished before {@code finishedBefore}
     * or before the keep-by-count {@code boundary}. A boundary found a moment earlier is safe: executions only
     * finish later than it, so it can only keep a few more than {@code keepNewest}, never fewer.
     */
    static int purge(Tx tx, Instant finishedBefore, Boundary boundary, int limit) throws SQLException {
        long beforeKept = boundary.finishedAt();
        String keptId = boundary.id();
        PreparedStatement victims = tx.prepare(VICTIMS);
        EpochMicros.bind(victims, 1, finishedBefore);
        victims.setLong(2, beforeKept);
        victims.setLong(3, beforeKept);
        victims.setString(4, keptId);
        victims.setInt(5, limit);
        List<String> ids = new ArrayList<>();
        try (ResultSet row = victims.executeQuery()) {
            while (row.next()) {
                ids.add(row.getString(1));
            }
        }
        PreparedStatement delete = tx.prepare(DELETE_EXECUTION);
        for (String id : ids) {
            delete.setString(1, id);
            delete.addBatch();
        }
        if (!ids.isEmpty()) {
            delete.executeBatch();
        }
        return ids.size();
    }

    /** Deletes up to {@link #SWEEP_BATCH} large values no row references; returns how many. */
    static int sweepBlobs(Tx tx) throws SQLException {
        StringBuilder unreferenced = new StringBuilder("SELECT b.hash FROM blobs b WHERE TRUE");
        for (String[] reference : BLOB_REFERENCES) {
            unreferenced.append(" AND NOT EXISTS (SELECT 1 FROM ").append(reference[0]).append(" r WHERE r.")
                    .append(reference[1]).append(" = b.hash)");
        }
        unreferenced.append(" LIMIT ").append(SWEEP_BATCH).append(tx.dialect.skipLocked);
        return tx.prepare("DELETE FROM blobs WHERE hash IN (" + unreferenced + ")").executeUpdate();
    }

    /** Deletes up to {@link #SWEEP_BATCH} workflow sources no execution runs; returns how many. */
    static int sweepSources(Tx tx) throws SQLException {
        return tx.prepare("DELETE FROM workflow_sources WHERE hash IN (SELECT s.hash FROM workflow_sources s "
                + "WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.source_hash = s.hash) LIMIT " + SWEEP_BATCH
                + tx.dialect.skipLocked + ")").executeUpdate();
    }

    /**
     * Deletes the decision trail, used decision links and posted decision messages of up to {@link #SWEEP_BATCH}
     * jobs that are gone, per table; returns how many rows. They have no foreign key to their job (the trail of a refused answer may name a job that
     * does not exist), so they are swept here, after the purge, rather than cascaded.
     */
    static int sweepDecisions(Tx tx) throws SQLException {
        int deleted = 0;
        for (String table : new String[] {"decision_audit", "decision_links_used", "decision_notices"}) {
            deleted += tx.prepare("DELETE FROM " + table + " WHERE execution_id IN (SELECT DISTINCT d.execution_id FROM "
                    + table + " d WHERE NOT EXISTS (SELECT 1 FROM executions e WHERE e.id = d.execution_id) LIMIT "
                    + SWEEP_BATCH + ")").executeUpdate();
        }
        return deleted;
    }

    /** Deletes the concurrency groups no execution belongs to any more; returns how many. */
    static int sweepGroups(Tx tx) throws SQLException {
        return tx.prepare("DELETE FROM concurrency_groups WHERE NOT EXISTS (SELECT 1 FROM executions e "
                + "WHERE e.workflow_id = concurrency_groups.workflow_id "
                + "AND e.concurrency_key = concurrency_groups.group_key)").executeUpdate();
    }
}
