-- Recurring events stored as rules: the occurrences are computed. Only an occurrence that was
-- changed on its own (moved, done, cancelled, noted, removed) is stored, as a clock_events row
-- carrying its series and its original day; its id is made from those (`occurrence_id`).

CREATE TABLE clock_series (
    id         TEXT PRIMARY KEY,                                   -- UUID, made offline
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: company-wide
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    rule       TEXT NOT NULL,                                      -- recurrence::Rule as JSON
    starts_on  TEXT NOT NULL,
    until      TEXT NOT NULL,
    local_time TEXT,
    owner_role TEXT NOT NULL,
    site_ids   TEXT NOT NULL DEFAULT '[]',                         -- per-site kinds: JSON list
    created_at TEXT NOT NULL
);
CREATE INDEX clock_series_account ON clock_series(account_id, starts_on);

ALTER TABLE clock_events ADD COLUMN series_id TEXT REFERENCES clock_series(id) ON DELETE CASCADE;
ALTER TABLE clock_events ADD COLUMN original_on TEXT;
ALTER TABLE clock_events ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clock_events_series ON clock_events(series_id);
