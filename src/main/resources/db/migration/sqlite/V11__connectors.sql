-- Connector instances (dev.vigil.store.JdbcConnectorStore). Keep identical to ../postgresql/V11__connectors.sql.
-- Secrets are stored sealed (AES-256-GCM, dev.vigil.secrets.SecretBox) with a key that is never in the database;
-- config holds only what is not secret. Changes are optimistic: UPDATE ... WHERE id = ? AND version = ?.

CREATE TABLE connectors (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    type       TEXT    NOT NULL,
    config     TEXT    NOT NULL,      -- JSON object of options
    secrets    TEXT    NOT NULL,      -- JSON object: secret name -> sealed value ("v1:...")
    source     TEXT    NOT NULL,      -- "api" or the YAML file the connector was loaded from
    version    INTEGER NOT NULL,
    created_at BIGINT  NOT NULL,      -- microseconds since the epoch
    updated_at BIGINT  NOT NULL
);
CREATE INDEX connectors_type ON connectors (type);
