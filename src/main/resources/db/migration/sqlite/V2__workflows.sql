-- The workflow manager (dev.vigil.store.JdbcWorkflowStore). Identical on SQLite and PostgreSQL.
-- Instants are BIGINT microseconds since the epoch, like the job store's.

-- One row per workflow. name, description and tags are those of the active version, or of the draft while the
-- workflow was never activated. A soft-deleted workflow keeps its row (deleted_at set) and its history.
CREATE TABLE workflows (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    description    TEXT,
    tags           TEXT    NOT NULL,   -- JSON array, as read back; workflow_tags is what filters
    state          TEXT    NOT NULL,   -- DRAFT, ACTIVE, INACTIVE
    active_version INTEGER,            -- null until the first activation
    created_at     BIGINT  NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     BIGINT  NOT NULL,
    updated_by     TEXT    NOT NULL,
    deleted_at     BIGINT,
    deleted_by     TEXT
);

-- Names are unique among the workflows that are not deleted.
CREATE UNIQUE INDEX workflows_live_name ON workflows (name) WHERE deleted_at IS NULL;

CREATE TABLE workflow_tags (
    workflow_id TEXT NOT NULL REFERENCES workflows (id),
    tag         TEXT NOT NULL,
    PRIMARY KEY (workflow_id, tag)
);

CREATE INDEX workflow_tags_by_tag ON workflow_tags (tag);

-- Activated versions, numbered 1, 2, 3... per workflow; the source never changes once written.
CREATE TABLE workflow_versions (
    workflow_id  TEXT    NOT NULL REFERENCES workflows (id),
    number       INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,     -- when the draft it came from was first saved
    created_by   TEXT    NOT NULL,
    activated_at BIGINT  NOT NULL,
    activated_by TEXT    NOT NULL,
    replaced_at  BIGINT,               -- when a later version took its place
    PRIMARY KEY (workflow_id, number)
);

-- At most one draft per workflow: the primary key is the rule.
CREATE TABLE workflow_drafts (
    workflow_id TEXT    NOT NULL PRIMARY KEY REFERENCES workflows (id),
    source      TEXT    NOT NULL,
    based_on    INTEGER,               -- the version it was created from, null for a new workflow
    problems    TEXT    NOT NULL,      -- JSON array of {code, path, line, column, message}; [] when valid
    created_at  BIGINT  NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    updated_by  TEXT    NOT NULL
);
