-- Enrichments (dev.vigil.store.JdbcEnrichmentStore). Keep identical to ../sqlite/V9__enrichments.sql.
-- A lookup is one run of an indicator workflow (one version) on one indicator: first a claim, so that two
-- investigations gaining the indicator at once do not both run it, then, once completed, the cached answer that
-- investigations gaining it within the TTL get instead of a run. An investigation's enrichments are its attachments.

CREATE TABLE enrichment_lookups (
    id               TEXT    PRIMARY KEY,   -- UUIDv7
    workflow_id      TEXT    NOT NULL,
    workflow_version INTEGER NOT NULL,
    indicator_type   TEXT    NOT NULL,      -- ipv4, domain, sha256 ... (dev.vigil.indicator.IndicatorType wire names)
    indicator_value  TEXT    NOT NULL,      -- normalized, as the investigation keeps it
    execution_id     TEXT,                  -- the job; null from the claim until the job is accepted
    status           TEXT    NOT NULL,      -- running, then the job's end: completed, failed, cancelled, timed_out
    output           TEXT,                  -- what the job found, as JSON, when it completed
    started_at       BIGINT  NOT NULL,      -- microseconds since the epoch, like every instant of the store
    finished_at      BIGINT
);
-- The claim: at most one running lookup of a workflow version and indicator, whichever node takes it.
CREATE UNIQUE INDEX enrichment_lookups_running ON enrichment_lookups
    (workflow_id, workflow_version, indicator_type, indicator_value) WHERE status = 'running';
-- The cache: the newest completed lookup of a workflow version and indicator.
CREATE INDEX enrichment_lookups_cache ON enrichment_lookups
    (workflow_id, workflow_version, indicator_type, indicator_value, status, finished_at);

-- Which lookups an investigation got; cached is false only for the investigation whose claim ran it.
CREATE TABLE investigation_enrichments (
    investigation_id TEXT    NOT NULL REFERENCES investigations (id) ON DELETE CASCADE,
    lookup_id        TEXT    NOT NULL REFERENCES enrichment_lookups (id) ON DELETE CASCADE,
    cached           BOOLEAN NOT NULL,
    attached_at      BIGINT  NOT NULL,
    PRIMARY KEY (investigation_id, lookup_id)
);
CREATE INDEX investigation_enrichments_lookup ON investigation_enrichments (lookup_id);
