-- History queries and alert intake (dev.vigil.store.History, dev.vigil.store.JdbcAlertStore) on PostgreSQL. Keep
-- equivalent to ../sqlite/V3__history.sql (MigrationsTest compares them).
--
-- No index is added to executions. The store is write-heavy (bench/RESULTS.md): every execution row is written
-- at least three times (created, running, finished), and every index on it is one more b-tree to update each
-- time, on the single writer. The history filters are served by what V1 has: workflow_id (+ status, created_at)
-- by executions_by_workflow, status by executions_due, the created_at range and sort by executions_by_created,
-- the finished_at range and sort by executions_finished; triggered_by, executed_by, test_run and the concurrency
-- key are filters on the rows those find. A started_at range or sort, and a sort by duration, read the rows the
-- other filters leave (at most --keep-jobs, 100,000 by default): milliseconds for a history page, against an
-- index update on every save.
-- Log pages use execution_logs_by_execution (execution_id, id): a step's lines are filtered among its
-- execution's lines, which are few, rather than indexed, since log lines are the most frequent write of all.

-- One row per alert received, original or duplicate. The body (the alert's normalized event) is a JSON value
-- stored like the executions' values: inline, or above 4 KiB by hash in blobs.
CREATE TABLE alerts (
    id           TEXT   PRIMARY KEY,          -- UUIDv7
    received_at  BIGINT NOT NULL,
    source       TEXT   NOT NULL,             -- the shape it came in: generic or elastic
    rule_id      TEXT,
    rule_name    TEXT,
    dedup_key    TEXT   NOT NULL,
    duplicate_of TEXT   REFERENCES alerts (id),  -- the original of the key's window; null: this is an original
    body         TEXT,
    body_blob    TEXT   REFERENCES blobs (hash)
);

CREATE INDEX alerts_by_received ON alerts (received_at);
CREATE INDEX alerts_duplicates ON alerts (duplicate_of) WHERE duplicate_of IS NOT NULL;
-- Makes the blob sweep's check (and its foreign key check) an index lookup, as for the executions' values.
CREATE INDEX alerts_body_blob ON alerts (body_blob) WHERE body_blob IS NOT NULL;

-- The open dedup window of each key: the original alert and when its window ends. An alert takes the row with a
-- conditional upsert (insert, or replace a window that has ended), so of two identical alerts at once, on one
-- node or several, exactly one becomes the original: the other meets the winner's row.
CREATE TABLE alert_dedup (
    dedup_key   TEXT   PRIMARY KEY,
    original_id TEXT   NOT NULL,
    window_end  BIGINT NOT NULL           -- exclusive: an alert received at window_end is a new original
);

-- The jobs (executions) an alert started. A purged execution takes its link with it.
CREATE TABLE alert_jobs (
    alert_id     TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    workflow_id  TEXT NOT NULL,
    PRIMARY KEY (alert_id, execution_id)
);

-- Purging an execution looks up its links by this index (the cascade), and "which alert started this job" too.
CREATE INDEX alert_jobs_by_execution ON alert_jobs (execution_id);
