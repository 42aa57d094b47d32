-- The organisation, its nationwide accounts and sites, each account's clock and quality cards.
-- Dates are ISO text (YYYY-MM-DD); timestamps are UTC ISO text. Kept portable towards PostgreSQL.

CREATE TABLE regions (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'management', 'account_director',
                      'regional_director', 'manager', 'supervisor', 'sales')),
    region_id     INTEGER REFERENCES regions(id),
    phone         TEXT,
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    director_id      INTEGER NOT NULL REFERENCES people(id),
    confidential     INTEGER NOT NULL DEFAULT 0,
    contract_start   TEXT NOT NULL,
    year_start_month INTEGER NOT NULL DEFAULT 1 CHECK (year_start_month BETWEEN 1 AND 12)
);
CREATE INDEX accounts_director ON accounts(director_id);

-- Named members: sales people and anyone added by hand (the only way into a confidential account).
CREATE TABLE account_members (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, person_id)
);
CREATE INDEX account_members_person ON account_members(person_id);

CREATE TABLE sites (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    address       TEXT NOT NULL,
    town          TEXT NOT NULL,
    region_id     INTEGER NOT NULL REFERENCES regions(id),
    supervisor_id INTEGER REFERENCES people(id)
);
CREATE INDEX sites_account ON sites(account_id);
CREATE INDEX sites_supervisor ON sites(supervisor_id, account_id);
CREATE INDEX sites_region ON sites(region_id, account_id);

CREATE TABLE clock_events (
    id             TEXT PRIMARY KEY,           -- UUID, so browsers can make ids offline
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year           INTEGER NOT NULL,           -- the account year the event belongs to
    kind           TEXT NOT NULL,
    title          TEXT NOT NULL DEFAULT '',
    starts_on      TEXT NOT NULL,
    ends_on        TEXT,
    local_time     TEXT,                       -- HH:MM wall-clock time in Finland
    owner_role     TEXT NOT NULL,
    responsible_id INTEGER REFERENCES people(id),
    site_id        INTEGER REFERENCES sites(id) ON DELETE CASCADE,
    status         TEXT NOT NULL DEFAULT 'planned'
                       CHECK (status IN ('planned', 'done', 'moved', 'cancelled')),
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clock_events_account_year ON clock_events(account_id, year, starts_on);

CREATE TABLE quality_cards (
    id         TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    light      TEXT NOT NULL CHECK (light IN ('green', 'yellow', 'red')),
    summary    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (account_id, year, month)
);
