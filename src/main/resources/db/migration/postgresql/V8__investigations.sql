-- Investigations (dev.vigil.store.JdbcInvestigationStore). Keep identical to ../sqlite/V8__investigations.sql.
-- An investigation is one row: the columns grouping, listing and the version check need, and the whole
-- investigation as JSON. Grouping (same rule, same entity, last alert within the window, not closed) runs its
-- lookup and its insert or update in one writer transaction.

CREATE TABLE investigations (
    id            TEXT    PRIMARY KEY,   -- UUIDv7: sorting by id sorts by creation
    status        TEXT    NOT NULL,      -- open, investigating, closed
    priority      TEXT    NOT NULL,      -- low, medium, high, critical
    rule_key      TEXT    NOT NULL,      -- the rule id, else its name ('' when the alert names neither)
    entity        TEXT    NOT NULL,      -- host:<name> or user:<name> ('' when the alert names neither)
    last_alert_at BIGINT  NOT NULL,      -- microseconds since the epoch, like every instant of the store
    version       INTEGER NOT NULL,      -- 1 when opened, +1 on every change
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    body          TEXT    NOT NULL       -- the investigation as JSON (dev.vigil.investigations.InvestigationJson)
);
CREATE INDEX investigations_grouping ON investigations (rule_key, entity, status, last_alert_at);
CREATE INDEX investigations_status ON investigations (status, id);

-- The timeline, append-only: seq counts from 1 per investigation.
CREATE TABLE investigation_timeline (
    investigation_id TEXT    NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    at               BIGINT  NOT NULL,
    kind             TEXT    NOT NULL,   -- alert_added, job_started, job_finished, comment, status_changed, ...
    body             TEXT    NOT NULL,   -- the entry as JSON
    PRIMARY KEY (investigation_id, seq)
);

-- Which investigation holds an alert.
CREATE TABLE investigation_alerts (
    investigation_id TEXT NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    alert_id         TEXT NOT NULL,
    PRIMARY KEY (investigation_id, alert_id)
);
CREATE INDEX investigation_alerts_alert ON investigation_alerts (alert_id);
