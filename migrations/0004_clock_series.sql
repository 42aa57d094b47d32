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
    days       INTEGER NOT NULL DEFAULT 1 CHECK (days BETWEEN 1 AND 366), -- length of each
    created_at TEXT NOT NULL
);
CREATE INDEX clock_series_account ON clock_series(account_id, starts_on);

ALTER TABLE clock_events ADD COLUMN series_id TEXT REFERENCES clock_series(id) ON DELETE CASCADE;
ALTER TABLE clock_events ADD COLUMN original_on TEXT;
ALTER TABLE clock_events ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clock_events_series ON clock_events(series_id);
-- Who last set the status, and on which day (Finnish date): "done by Päivi, 12.11.2026".
ALTER TABLE clock_events ADD COLUMN status_by INTEGER REFERENCES people(id);
ALTER TABLE clock_events ADD COLUMN status_on TEXT;

-- The company's standard clock, relative to an account's own year; an admin keeps it.
-- A fresh database gets the standard entries once (`server::company_clock::seed_template`).
CREATE TABLE clock_template (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    month_offset INTEGER NOT NULL CHECK (month_offset BETWEEN 0 AND 11),
    day          INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    repeat       TEXT NOT NULL,                -- new_event::Repeat as JSON
    local_time   TEXT
);

-- Which account years were planned in one step, so planning twice does not double the clock.
CREATE TABLE planned_years (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    planned_by INTEGER NOT NULL REFERENCES people(id),
    planned_at TEXT NOT NULL,
    PRIMARY KEY (account_id, year)
);

-- One-time facts about the installation ("the standard template was seeded").
CREATE TABLE app_flags (
    name TEXT PRIMARY KEY,
    at   TEXT NOT NULL
);
