-- The job store (dev.vigil.store.JdbcJobStore) on PostgreSQL. Keep equivalent to ../sqlite/V1__job_store.sql:
-- the only differences are the log id column (identity here, rowid alias there).
-- Instants are BIGINT microseconds since the epoch. A JSON value is either inline (<col>) or, above 4 KiB, a
-- reference (<col>_blob) to blobs, which holds each distinct large value once.

CREATE TABLE workflow_sources (
    hash   TEXT PRIMARY KEY,           -- SHA-256 of the UTF-8 text, hex
    source TEXT NOT NULL
);

CREATE TABLE blobs (
    hash TEXT PRIMARY KEY,             -- SHA-256 of the UTF-8 JSON text, hex
    body TEXT NOT NULL
);

-- One row per (workflow, concurrency key) ever seen: the rule in force, and the row a new execution's admission
-- locks (PostgreSQL) so that two nodes cannot both take the last place.
CREATE TABLE concurrency_groups (
    workflow_id  TEXT    NOT NULL,
    group_key    TEXT    NOT NULL,
    max_admitted INTEGER NOT NULL,
    strategy     TEXT    NOT NULL,
    queue_size   INTEGER NOT NULL,
    queue_ttl    BIGINT,                -- microseconds; null: queued executions never expire
    PRIMARY KEY (workflow_id, group_key)
);

CREATE TABLE executions (
    id               TEXT    PRIMARY KEY,
    workflow_id      TEXT    NOT NULL,
    workflow_name    TEXT,
    status           TEXT    NOT NULL,
    triggered_by     TEXT,
    executed_by      TEXT,
    test_run         BOOLEAN NOT NULL,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    inputs           TEXT,
    inputs_blob      TEXT REFERENCES blobs (hash),
    event            TEXT,
    event_blob       TEXT REFERENCES blobs (hash),
    output           TEXT,
    output_blob      TEXT REFERENCES blobs (hash),
    error            TEXT,
    error_blob       TEXT REFERENCES blobs (hash),
    metadata         TEXT,
    metadata_blob    TEXT REFERENCES blobs (hash),
    source_hash      TEXT REFERENCES workflow_sources (hash),
    run_after        BIGINT,            -- due from then on; null: not due until something (an answer) wakes it
    lease_owner      TEXT,
    lease_until      BIGINT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    concurrency_key  TEXT,              -- null: no concurrency rule
    admitted         BOOLEAN NOT NULL DEFAULT FALSE,  -- holds (or held) a place of its concurrency group
    FOREIGN KEY (workflow_id, concurrency_key) REFERENCES concurrency_groups (workflow_id, group_key)
);

CREATE INDEX executions_due ON executions (status, run_after);
CREATE INDEX executions_by_workflow ON executions (workflow_id, status, created_at);
CREATE INDEX executions_by_created ON executions (created_at);
CREATE INDEX executions_finished ON executions (finished_at);
CREATE INDEX executions_by_group ON executions (workflow_id, concurrency_key, status)
    WHERE concurrency_key IS NOT NULL;
CREATE INDEX executions_by_source ON executions (source_hash);
-- Partial indexes: only rows with a large value have an entry; they make the blob sweep and its foreign-key
-- checks index lookups instead of table scans.
CREATE INDEX executions_inputs_blob ON executions (inputs_blob) WHERE inputs_blob IS NOT NULL;
CREATE INDEX executions_event_blob ON executions (event_blob) WHERE event_blob IS NOT NULL;
CREATE INDEX executions_output_blob ON executions (output_blob) WHERE output_blob IS NOT NULL;
CREATE INDEX executions_error_blob ON executions (error_blob) WHERE error_blob IS NOT NULL;
CREATE INDEX executions_metadata_blob ON executions (metadata_blob) WHERE metadata_blob IS NOT NULL;

CREATE TABLE step_executions (
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    id           TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    name         TEXT,
    type         TEXT,
    status       TEXT    NOT NULL,
    step_index   INTEGER NOT NULL,
    attempt      INTEGER NOT NULL,
    started_at   BIGINT,
    finished_at  BIGINT,
    input        TEXT,
    input_blob   TEXT REFERENCES blobs (hash),
    output       TEXT,
    output_blob  TEXT REFERENCES blobs (hash),
    error        TEXT,
    error_blob   TEXT REFERENCES blobs (hash),
    state        TEXT,
    state_blob   TEXT REFERENCES blobs (hash),
    mocked       BOOLEAN NOT NULL,
    PRIMARY KEY (execution_id, id)
);

CREATE INDEX step_executions_input_blob ON step_executions (input_blob) WHERE input_blob IS NOT NULL;
CREATE INDEX step_executions_output_blob ON step_executions (output_blob) WHERE output_blob IS NOT NULL;
CREATE INDEX step_executions_error_blob ON step_executions (error_blob) WHERE error_blob IS NOT NULL;
CREATE INDEX step_executions_state_blob ON step_executions (state_blob) WHERE state_blob IS NOT NULL;

-- Log lines in the order they were written: one writer per execution at a time, so id order is write order.
CREATE TABLE execution_logs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id TEXT   NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    logged_at    BIGINT NOT NULL,
    level        TEXT,
    message      TEXT,
    step_path    TEXT,
    step_name    TEXT
);

CREATE INDEX execution_logs_by_execution ON execution_logs (execution_id, id);

-- The first answer to a step waiting for input wins: a conditional insert on this key.
CREATE TABLE answers (
    execution_id TEXT   NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    step_path    TEXT   NOT NULL,
    payload      TEXT,
    responded_by TEXT,
    responded_at BIGINT NOT NULL,
    PRIMARY KEY (execution_id, step_path)
);

-- A schedule slot fires once: a conditional insert on this key.
CREATE TABLE schedule_slots (
    workflow_id TEXT   NOT NULL,
    slot        BIGINT NOT NULL,
    node_id     TEXT   NOT NULL,
    PRIMARY KEY (workflow_id, slot)
);
