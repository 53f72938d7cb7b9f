-- Decision messages Vigil posted to chat (dev.vigil.store.JdbcDecisionLedger), so that whichever node takes the
-- answer, or sees the timeout, can update them: the buttons give way to the outcome. Keep identical to
-- ../postgresql/V12__decision_notices.sql. Swept with their job by the history retention pass.
CREATE TABLE decision_notices (
    execution_id TEXT   NOT NULL,
    step_path    TEXT   NOT NULL,
    connector_id TEXT   NOT NULL,   -- the Slack connector that posted it
    channel      TEXT   NOT NULL,   -- the channel id Slack answered with
    message_ts   TEXT   NOT NULL,   -- Slack's ts: the message's id in its channel
    posted_at    BIGINT NOT NULL,   -- microseconds since the epoch
    PRIMARY KEY (execution_id, step_path, connector_id, channel, message_ts)
);
