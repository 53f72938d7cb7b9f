package dev.vigil.store;

import static dev.vigil.store.StoredWorkflows.DRAFT_COLUMNS;
import static dev.vigil.store.StoredWorkflows.VERSION_COLUMNS;
import static dev.vigil.store.StoredWorkflows.WORKFLOW_COLUMNS;

import dev.vigil.workflows.Draft;
import dev.vigil.workflows.WorkflowNameTaken;
import dev.vigil.workflows.WorkflowRecord;
import dev.vigil.workflows.WorkflowState;
import dev.vigil.workflows.WorkflowStore;
import dev.vigil.workflows.WorkflowVersion;
import dev.vigil.workflows.WorkflowPage;
import dev.vigil.workflows.WorkflowQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@link WorkflowStore} on the job store's database: its writes go through the job store's one writer, so
 * they share its commits and its order, and its reads through the job store's read pool. Each method is one
 * transaction; name uniqueness is checked inside it (and backed by a unique index on live names).
 */
public final class JdbcWorkflowStore implements WorkflowStore {

    private static final String SELECT_WORKFLOW = "SELECT " + WORKFLOW_COLUMNS + " FROM workflows w WHERE w.id = ?";
    private static final String LOCK_WORKFLOW = "SELECT id FROM workflows WHERE id = ?";
    private static final String LIVE_NAME = "SELECT id FROM workflows WHERE name = ? AND deleted_at IS NULL";
    private static final String INSERT_WORKFLOW = "INSERT INTO workflows (name, description, tags, state, "
            + "active_version, updated_at, updated_by, deleted_at, deleted_by, id, created_at, created_by) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_WORKFLOW = "UPDATE workflows SET name = ?, description = ?, tags = ?, "
            + "state = ?, active_version = ?, updated_at = ?, updated_by = ?, deleted_at = ?, deleted_by = ? "
            + "WHERE id = ?";
    private static final String DELETE_TAGS = "DELETE FROM workflow_tags WHERE workflow_id = ?";
    private static final String INSERT_TAG = "INSERT INTO workflow_tags (workflow_id, tag) VALUES (?, ?)";

    private static final String SELECT_DRAFT = "SELECT " + DRAFT_COLUMNS + " FROM workflow_drafts WHERE workflow_id = ?";
    private static final String UPSERT_DRAFT = "INSERT INTO workflow_drafts (workflow_id, " + DRAFT_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_id) DO UPDATE SET source = excluded.source, "
            + "based_on = excluded.based_on, problems = excluded.problems, updated_at = excluded.updated_at, "
            + "updated_by = excluded.updated_by";
    private static final String DELETE_DRAFT = "DELETE FROM workflow_drafts WHERE workflow_id = ?";

    private static final String SELECT_VERSIONS = "SELECT " + VERSION_COLUMNS + " FROM workflow_versions v "
            + "WHERE v.workflow_id = ?";
    private static final String NEXT_VERSION = "SELECT COALESCE(MAX(number), 0) + 1 FROM workflow_versions "
            + "WHERE workflow_id = ?";
    private static final String REPLACE_VERSIONS = "UPDATE workflow_versions SET replaced_at = ? "
            + "WHERE workflow_id = ? AND replaced_at IS NULL";
    private static final String INSERT_VERSION = "INSERT INTO workflow_versions (workflow_id, number, source, "
            + "created_at, created_by, activated_at, activated_by) SELECT workflow_id, CAST(? AS INTEGER), source, "
            + "created_at, created_by, CAST(? AS BIGINT), CAST(? AS TEXT) FROM workflow_drafts WHERE workflow_id = ?";
    private static final String ACTIVE_VERSIONS = "SELECT " + VERSION_COLUMNS + " FROM workflows w "
            + "JOIN workflow_versions v ON v.workflow_id = w.id AND v.number = w.active_version "
            + "WHERE w.state = 'ACTIVE' AND w.deleted_at IS NULL ORDER BY w.id";
    private static final String DELETE_VERSIONS = "DELETE FROM workflow_versions WHERE workflow_id = ?";
    private static final String DELETE_WORKFLOW = "DELETE FROM workflows WHERE id = ?";

    private final JdbcJobStore jobs;

    public JdbcWorkflowStore(JdbcJobStore jobs) {
        this.jobs = jobs;
    }

    // ---- reads ----

    @Override
    public Optional<WorkflowRecord> workflow(String id) {
        return jobs.read("read workflow " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_WORKFLOW)) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(StoredWorkflows.workflow(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Draft> draft(String id) {
        return jobs.read("read the draft of workflow " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_DRAFT)) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(StoredWorkflows.draft(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> idByName(String name) {
        return jobs.read("find the workflow named '" + name + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIVE_NAME)) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<WorkflowVersion> versions(String id) {
        return jobs.read("read the versions of workflow " + id,
                connection -> versions(connection, SELECT_VERSIONS + " ORDER BY v.number", id, null));
    }

    @Override
    public Optional<WorkflowVersion> version(String id, int number) {
        return jobs.read("read version " + number + " of workflow " + id, connection ->
                versions(connection, SELECT_VERSIONS + " AND v.number = ?", id, number).stream().findFirst());
    }

    @Override
    public List<WorkflowVersion> activeVersions() {
        return jobs.read("read the active workflows", connection -> versions(connection, ACTIVE_VERSIONS, null, null));
    }

    private static List<WorkflowVersion> versions(Connection connection, String sql, String id, Integer number)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setString(1, id);
            }
            if (number != null) {
                select.setInt(2, number);
            }
            List<WorkflowVersion> versions = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    versions.add(StoredWorkflows.version(row));
                }
            }
            return List.copyOf(versions);
        }
    }

    @Override
    public WorkflowPage<WorkflowRecord> list(WorkflowQuery query) {
        WorkflowSearch search = WorkflowSearch.of(query);
        return jobs.read("list workflows", connection -> {
            long total;
            try (PreparedStatement count = search.count(connection); ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            List<WorkflowRecord> items = new ArrayList<>();
            try (PreparedStatement page = search.page(connection); ResultSet row = page.executeQuery()) {
                while (row.next()) {
                    items.add(StoredWorkflows.workflow(row));
                }
            }
            return new WorkflowPage<>(items, total, query.page(), query.size());
        });
    }

    // ---- writes ----

    @Override
    public void create(WorkflowRecord workflow, Draft draft) {
        jobs.writer().write("create workflow " + workflow.id(), tx -> {
            PreparedStatement exists = tx.prepare(LOCK_WORKFLOW);
            exists.setString(1, workflow.id());
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    throw new WorkflowNameTaken("a workflow with id '" + workflow.id() + "' already exists"
                            + " (perhaps deleted: delete it with force to reuse its id)");
                }
            }
            checkName(tx, workflow);
            PreparedStatement insert = tx.prepare(INSERT_WORKFLOW);
            int next = StoredWorkflows.bindChanges(insert, 1, workflow);
            insert.setString(next++, workflow.id());
            EpochMicros.bind(insert, next++, workflow.createdAt());
            insert.setString(next, workflow.createdBy());
            insert.executeUpdate();
            saveTags(tx, workflow);
            saveDraft(tx, workflow.id(), draft);
            return null;
        });
    }

    @Override
    public void update(WorkflowRecord workflow) {
        jobs.writer().write("update workflow " + workflow.id(), tx -> {
            updateRow(tx, workflow);
            return null;
        });
    }

    @Override
    public void saveDraft(WorkflowRecord workflow, Draft draft) {
        jobs.writer().write("save the draft of workflow " + workflow.id(), tx -> {
            updateRow(tx, workflow);
            saveDraft(tx, workflow.id(), draft);
            return null;
        });
    }

    @Override
    public void discardDraft(WorkflowRecord workflow) {
        jobs.writer().write("discard the draft of workflow " + workflow.id(), tx -> {
            updateRow(tx, workflow);
            delete(tx, DELETE_DRAFT, workflow.id());
            return null;
        });
    }

    @Override
    public int activateDraft(WorkflowRecord workflow, Instant at, String actor) {
        String id = workflow.id();
        return jobs.writer().write("activate the draft of workflow " + id, tx -> {
            PreparedStatement lock = tx.prepare(LOCK_WORKFLOW + tx.dialect.forUpdate);
            lock.setString(1, id);
            try (ResultSet row = lock.executeQuery()) {
                row.next(); // another node activating the same workflow waits here, then numbers after it
            }
            PreparedStatement next = tx.prepare(NEXT_VERSION);
            next.setString(1, id);
            int number;
            try (ResultSet row = next.executeQuery()) {
                row.next();
                number = row.getInt(1);
            }
            PreparedStatement replace = tx.prepare(REPLACE_VERSIONS);
            EpochMicros.bind(replace, 1, at);
            replace.setString(2, id);
            replace.executeUpdate();
            PreparedStatement insert = tx.prepare(INSERT_VERSION);
            insert.setInt(1, number);
            EpochMicros.bind(insert, 2, at);
            insert.setString(3, actor);
            insert.setString(4, id);
            if (insert.executeUpdate() != 1) {
                throw new IllegalStateException("workflow '" + id + "' has no draft to activate");
            }
            delete(tx, DELETE_DRAFT, id);
            updateRow(tx, new WorkflowRecord(id, workflow.name(), workflow.description(), workflow.tags(),
                    WorkflowState.ACTIVE, number, workflow.createdAt(), workflow.createdBy(), workflow.updatedAt(),
                    workflow.updatedBy(), workflow.deletedAt(), workflow.deletedBy()));
            return number;
        });
    }

    @Override
    public void delete(String id) {
        jobs.writer().write("delete workflow " + id, tx -> {
            for (String sql : List.of(DELETE_DRAFT, DELETE_VERSIONS, DELETE_TAGS, DELETE_WORKFLOW)) {
                delete(tx, sql, id);
            }
            return null;
        });
    }

    private static void updateRow(Tx tx, WorkflowRecord workflow) throws SQLException {
        checkName(tx, workflow);
        PreparedStatement update = tx.prepare(UPDATE_WORKFLOW);
        int next = StoredWorkflows.bindChanges(update, 1, workflow);
        update.setString(next, workflow.id());
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("workflow '" + workflow.id() + "' is not in the store");
        }
        saveTags(tx, workflow);
    }

    /** Refuses a name another live workflow has; a deleted workflow gives its name up. */
    private static void checkName(Tx tx, WorkflowRecord workflow) throws SQLException {
        if (workflow.deleted()) {
            return;
        }
        PreparedStatement select = tx.prepare(LIVE_NAME);
        select.setString(1, workflow.name());
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                if (!row.getString(1).equals(workflow.id())) {
                    throw WorkflowNameTaken.of(workflow.name(), row.getString(1));
                }
            }
        }
    }

    private static void saveTags(Tx tx, WorkflowRecord workflow) throws SQLException {
        delete(tx, DELETE_TAGS, workflow.id());
        PreparedStatement insert = tx.prepare(INSERT_TAG);
        for (String tag : new LinkedHashSet<>(workflow.tags())) {
            insert.setString(1, workflow.id());
            insert.setString(2, tag);
            insert.executeUpdate();
        }
    }

    private static void saveDraft(Tx tx, String id, Draft draft) throws SQLException {
        PreparedStatement upsert = tx.prepare(UPSERT_DRAFT);
        StoredWorkflows.bindDraft(upsert, id, draft);
        upsert.executeUpdate();
    }

    private static void delete(Tx tx, String sql, String id) throws SQLException {
        PreparedStatement delete = tx.prepare(sql);
        delete.setString(1, id);
        delete.executeUpdate();
    }
}
