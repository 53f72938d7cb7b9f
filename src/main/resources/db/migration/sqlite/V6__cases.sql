-- Cases (dev.vigil.store.JdbcCaseStore). Keep identical to ../postgresql/V6__cases.sql.
-- A case is one row: the columns the API filters and sorts on, and the whole case as JSON (the body the steps and
-- the API answer with). Changes are optimistic: UPDATE ... WHERE id = ? AND version = ?, so two nodes writing the
-- same case cannot both win.

CREATE TABLE cases (
    id         TEXT    PRIMARY KEY,   -- UUIDv7: sorting by id sorts by creation
    title      TEXT    NOT NULL,
    status     TEXT    NOT NULL,      -- open, in-progress, closed
    severity   TEXT    NOT NULL,      -- low, medium, high, critical
    version    INTEGER NOT NULL,      -- 1 when created, +1 on every change
    created_at BIGINT  NOT NULL,      -- microseconds since the epoch, like every instant of the store
    updated_at BIGINT  NOT NULL,
    body       TEXT    NOT NULL       -- the case as JSON (dev.vigil.cases.CaseJson)
);
CREATE INDEX cases_status ON cases (status, id);

-- Which cases hold an alert (cases.getCasesByAlertId), rewritten with the case.
CREATE TABLE case_alerts (
    case_id  TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    alert_id TEXT NOT NULL,
    PRIMARY KEY (case_id, alert_id)
);
CREATE INDEX case_alerts_alert ON case_alerts (alert_id);

-- The tags of each case, for listing by tag; rewritten with the case.
CREATE TABLE case_tags (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (case_id, tag)
);
CREATE INDEX case_tags_tag ON case_tags (tag);
