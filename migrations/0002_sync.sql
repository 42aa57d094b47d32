-- Offline edits: every operation's answer (so retries change nothing), a change log that pulls
-- read after a cursor, and the losing values of conflicts, kept for their authors.

CREATE TABLE sync_ops (
    op_id       TEXT PRIMARY KEY,              -- made by the client (UUIDv7)
    person_id   INTEGER NOT NULL REFERENCES people(id),
    account_id  INTEGER NOT NULL,
    outcome     TEXT NOT NULL,                 -- the answer, as JSON
    received_at TEXT NOT NULL
);

CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,                  -- a clock event's id
    deleted    INTEGER NOT NULL DEFAULT 0,     -- a tombstone
    at         TEXT NOT NULL
);
CREATE INDEX change_log_account ON change_log(account_id, seq);

CREATE TABLE sync_conflicts (
    op_id        TEXT PRIMARY KEY REFERENCES sync_ops(op_id),
    account_id   INTEGER NOT NULL,
    event_id     TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES people(id),
    winning      TEXT NOT NULL,                -- FieldValue as JSON
    losing       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    dismissed_at TEXT
);
CREATE INDEX sync_conflicts_author ON sync_conflicts(author_id, dismissed_at);
