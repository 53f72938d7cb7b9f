-- Webhook secrets (dev.vigil.store.JdbcWebhookStore). Keep identical to ../postgresql/V5__webhooks.sql.
-- No secret is stored: a workflow's secret is HMAC-SHA256(master key, "<workflow id>:<generation>"), and the master
-- key lives outside the database (a file in the data folder or VIGIL_WEBHOOK_MASTER_KEY). A workflow without a row
-- is at generation 1; rotating its secret moves it to the next generation.

CREATE TABLE webhooks (
    workflow_id TEXT    PRIMARY KEY,  -- no foreign key: the row outlives a deleted workflow, so that an id used
                                      -- again does not bring back a secret that was rotated away
    generation  INTEGER NOT NULL,
    rotated_at  BIGINT  NOT NULL,     -- microseconds since the epoch, like every instant of the store
    rotated_by  TEXT    NOT NULL
);
