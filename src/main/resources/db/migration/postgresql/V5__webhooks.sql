-- Webhook secrets (dev.vigil.store.JdbcWebhookStore). Keep identical to ../sqlite/V5__webhooks.sql.
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

-- Signatures already accepted, so that a request captured in transit cannot be sent again while its timestamp is
-- still within the tolerance: the first insert of a signature wins, a second is a replay. Rows older than the
-- tolerance are deleted as new ones come (a replayed old request is refused by its timestamp anyway).
CREATE TABLE webhook_deliveries (
    signature   TEXT   PRIMARY KEY,   -- the request's sha256=<hex>: unique per secret, timestamp and body
    workflow_id TEXT   NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
