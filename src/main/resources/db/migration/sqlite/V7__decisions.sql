-- Decisions answered from signed links, and their audit trail (dev.vigil.store.JdbcDecisionLedger). Keep identical
-- to ../postgresql/V7__decisions.sql.

-- Every request for a decision and every attempt to answer one (API resume, signed link), won or refused, in the
-- order they happened. The request is recorded when the first attempt comes, with the time the step began waiting.
CREATE TABLE decision_audit (
    id           TEXT   PRIMARY KEY,  -- a random UUID; "requested:<execution id>:<step path>" for the request
    execution_id TEXT   NOT NULL,
    step_path    TEXT   NOT NULL,
    at           BIGINT NOT NULL,     -- microseconds since the epoch, like every instant of the store
    event        TEXT   NOT NULL,     -- requested, answered or refused
    actor        TEXT   NOT NULL,     -- apikey:<name>, link:<recipient>, or the step itself for the request
    channel      TEXT   NOT NULL,     -- api, link, or the step type for the request
    choice       TEXT,
    reason       TEXT                 -- why an attempt was refused
);
CREATE INDEX decision_audit_execution ON decision_audit (execution_id, at);

-- Signed decision links already used: the first insert of a token wins, a second click is refused. A link expires
-- with its decision, so a row is worth keeping only as long as the job's history.
CREATE TABLE decision_links_used (
    token        TEXT   PRIMARY KEY,
    execution_id TEXT   NOT NULL,
    used_at      BIGINT NOT NULL
);
