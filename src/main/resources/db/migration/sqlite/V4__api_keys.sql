-- API keys (dev.vigil.store.JdbcApiKeyStore). Keep identical to ../postgresql/V4__api_keys.sql.
-- A key is stored as the SHA-256 of its text only: the key itself is shown once, when it is created.

CREATE TABLE api_keys (
    id           TEXT    PRIMARY KEY,      -- the public part of a key vgl_<id>_<secret>; generated for another key
    key_hash     TEXT    NOT NULL UNIQUE,  -- SHA-256 of the whole key, hex; indexed: a key without an id is found by it
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,         -- admin, editor, responder, viewer
    created_at   BIGINT  NOT NULL,         -- microseconds since the epoch, like every instant of the store
    created_by   TEXT    NOT NULL,
    last_used_at BIGINT,                   -- written at most once a minute per key and node
    revoked_at   BIGINT,                   -- null while active
    revoked_by   TEXT,
    first_key    INTEGER UNIQUE            -- 1 on the admin key of the first start, null on every other: of several
                                           -- nodes starting at once on an empty table, only one can store it
);
