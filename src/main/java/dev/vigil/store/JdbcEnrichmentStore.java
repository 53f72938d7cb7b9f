package dev.vigil.store;

import dev.vigil.enrichment.Enrichment;
import dev.vigil.enrichment.EnrichmentStore;
import dev.vigil.enrichment.Lookup;
import dev.vigil.enrichment.LookupKey;
import dev.vigil.investigations.Investigation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lookups and the enrichments of investigations in the job store's database (tables {@code enrichment_lookups} and
 * {@code investigation_enrichments}, migration V9): writes through its single writer, reads from its pool.
 *
 * <p>The claim is a row: a partial unique index allows one {@code running} lookup per workflow version and
 * indicator, and the claim inserts with {@code ON CONFLICT DO NOTHING}. On one node the single writer already orders
 * claims; nodes sharing PostgreSQL meet at the index (the second insert waits for the first transaction, then does
 * nothing and finds the running lookup). Attaching to a running lookup and ending it both lock the lookup's row on
 * PostgreSQL, so an investigation that joins a lookup as it ends is either among those its end is reported to, or
 * sees it ended.
 */
public final class JdbcEnrichmentStore implements EnrichmentStore {

    private static final String COLUMNS = "l.id, l.workflow_id, l.workflow_version, l.indicator_type, "
            + "l.indicator_value, l.execution_id, l.status, l.output, l.started_at, l.finished_at";
    private static final String OF_KEY = " FROM enrichment_lookups l WHERE l.workflow_id = ? "
            + "AND l.workflow_version = ? AND l.indicator_type = ? AND l.indicator_value = ?";
    private static final String FRESH = "SELECT " + COLUMNS + OF_KEY + " AND l.status = 'completed' "
            + "AND l.finished_at >= ? ORDER BY l.finished_at DESC, l.id DESC LIMIT 1";
    private static final String RUNNING = "SELECT " + COLUMNS + OF_KEY + " AND l.status = 'running'";
    private static final String CLAIM = "INSERT INTO enrichment_lookups (id, workflow_id, workflow_version, "
            + "indicator_type, indicator_value, status, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String ATTACH = "INSERT INTO investigation_enrichments (investigation_id, lookup_id, cached, "
            + "attached_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM enrichment_lookups l WHERE l.id = ?";
    private static final String STARTED = "UPDATE enrichment_lookups SET execution_id = ? WHERE id = ? "
            + "AND execution_id IS NULL";
    private static final String FINISH = "UPDATE enrichment_lookups SET status = ?, output = ?, finished_at = ?, "
            + "execution_id = COALESCE(execution_id, ?) WHERE id = ? AND status = 'running'";
    private static final String ATTACHED = "SELECT investigation_id, cached FROM investigation_enrichments "
            + "WHERE lookup_id = ? ORDER BY attached_at, investigation_id";
    private static final String OF_INVESTIGATION = "SELECT e.cached, e.attached_at, " + COLUMNS
            + " FROM investigation_enrichments e JOIN enrichment_lookups l ON l.id = e.lookup_id "
            + "WHERE e.investigation_id = ? ORDER BY e.attached_at, l.id";

    private final JdbcJobStore database;

    /** @param database the job store whose database (and single writer) holds the lookups */
    public JdbcEnrichmentStore(JdbcJobStore database) {
        this.database = database;
    }

    @Override
    public Claim claim(String investigationId, LookupKey key, String newLookupId, Instant now, Instant freshSince) {
        return database.writer().write("claim a lookup of " + key, tx -> {
            PreparedStatement fresh = bindKey(tx.prepare(FRESH), key);
            EpochMicros.bind(fresh, 5, freshSince);
            Optional<Lookup> cached = first(fresh);
            if (cached.isPresent()) {
                attach(tx, investigationId, cached.get().id(), true, now);
                return new Claim.Cached(cached.get());
            }
            PreparedStatement claim = tx.prepare(CLAIM);
            claim.setString(1, newLookupId);
            claim.setString(2, key.workflowId());
            claim.setInt(3, key.workflowVersion());
            claim.setString(4, key.indicator().type());
            claim.setString(5, key.indicator().value());
            EpochMicros.bind(claim, 6, now);
            if (claim.executeUpdate() == 1) {
                attach(tx, investigationId, newLookupId, false, now);
                return new Claim.Claimed(new Lookup(newLookupId, key, null, Lookup.RUNNING, null, now, null));
            }
            return new Claim.Running(first(bindKey(tx.prepare(RUNNING), key)).orElseThrow(() -> new SQLException(
                    "no lookup of " + key + " is running, yet one kept another from being claimed")));
        });
    }

    @Override
    public Optional<Lookup> attach(String investigationId, String lookupId, Instant at) {
        return database.writer().write("attach lookup " + lookupId + " to investigation " + investigationId, tx -> {
            PreparedStatement select = tx.prepare(SELECT + tx.dialect.forUpdate);
            select.setString(1, lookupId);
            Optional<Lookup> lookup = first(select);
            if (lookup.isPresent()) {
                attach(tx, investigationId, lookupId, true, at);
            }
            return lookup;
        });
    }

    private static void attach(Tx tx, String investigationId, String lookupId, boolean cached, Instant at)
            throws SQLException {
        PreparedStatement attach = tx.prepare(ATTACH);
        attach.setString(1, investigationId);
        attach.setString(2, lookupId);
        attach.setBoolean(3, cached);
        EpochMicros.bind(attach, 4, at);
        attach.executeUpdate();
    }

    @Override
    public void started(String lookupId, String executionId) {
        database.writer().write("record the job of lookup " + lookupId, tx -> {
            PreparedStatement started = tx.prepare(STARTED);
            started.setString(1, executionId);
            started.setString(2, lookupId);
            return started.executeUpdate();
        });
    }

    @Override
    public List<Attached> finish(String lookupId, String executionId, String status, Object output, Instant at) {
        String json = output == null ? null : database.codec().json("output of lookup " + lookupId, output);
        return database.writer().write("end lookup " + lookupId, tx -> {
            PreparedStatement finish = tx.prepare(FINISH);
            finish.setString(1, status);
            finish.setString(2, json);
            EpochMicros.bind(finish, 3, at);
            finish.setString(4, executionId);
            finish.setString(5, lookupId);
            if (finish.executeUpdate() == 0) {
                return List.of();
            }
            PreparedStatement attached = tx.prepare(ATTACHED);
            attached.setString(1, lookupId);
            List<Attached> investigations = new ArrayList<>();
            try (ResultSet rows = attached.executeQuery()) {
                while (rows.next()) {
                    investigations.add(new Attached(rows.getString(1), rows.getBoolean(2)));
                }
            }
            return investigations;
        });
    }

    @Override
    public Optional<Lookup> lookup(String lookupId) {
        return database.read("read lookup " + lookupId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setString(1, lookupId);
                return first(select);
            }
        });
    }

    @Override
    public List<Enrichment> enrichments(String investigationId) {
        return database.read("read the enrichments of investigation " + investigationId,
                connection -> enrichments(connection, investigationId));
    }

    private static List<Enrichment> enrichments(Connection connection, String investigationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(OF_INVESTIGATION)) {
            select.setString(1, investigationId);
            List<Enrichment> enrichments = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    boolean cached = row.getBoolean(1);
                    Instant attachedAt = EpochMicros.read(row, 2);
                    Lookup lookup = lookup(row, 3);
                    Instant ended = lookup.finishedAt();
                    // it arrived when both had happened: the lookup ended and the investigation got it
                    Instant at = ended == null ? null : ended.isAfter(attachedAt) ? ended : attachedAt;
                    enrichments.add(new Enrichment(investigationId, lookup.key().indicator(),
                            lookup.key().workflowId(), lookup.key().workflowVersion(), lookup.executionId(),
                            lookup.status(), lookup.output(), at, ended, cached));
                }
            }
            return enrichments;
        }
    }

    private static PreparedStatement bindKey(PreparedStatement statement, LookupKey key) throws SQLException {
        statement.setString(1, key.workflowId());
        statement.setInt(2, key.workflowVersion());
        statement.setString(3, key.indicator().type());
        statement.setString(4, key.indicator().value());
        return statement;
    }

    private static Optional<Lookup> first(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(lookup(row, 1)) : Optional.empty();
        }
    }

    /** The lookup in the {@link #COLUMNS} of {@code row} from column {@code from} on. */
    private static Lookup lookup(ResultSet row, int from) throws SQLException {
        LookupKey key = new LookupKey(row.getString(from + 1), row.getInt(from + 2),
                new Investigation.Indicator(row.getString(from + 3), row.getString(from + 4)));
        return new Lookup(row.getString(from), key, row.getString(from + 5), row.getString(from + 6),
                ValueCodec.decode(row.getString(from + 7)), EpochMicros.read(row, from + 8),
                EpochMicros.read(row, from + 9));
    }
}
