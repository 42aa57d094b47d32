-- Documents of the kinds declared in domain::sync::doc (contracts first; the workspace and the
-- KAM practice add theirs): one table for every kind, each record's fields as one JSON object.
-- A deleted record keeps its row (deleted_at set): its id is never reused, and a late edit of
-- it is answered "not found", not made again.
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX records_of_account ON records (account_id, kind) WHERE deleted_at IS NULL;
