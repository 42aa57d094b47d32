-- The quality card's round (draft → submitted → reviewed, with versions), what management must
-- know, the figures typed by the director, management's response, the finance system's monthly
-- figures, and the admin-set rules of the suggested light.

-- covers_from, direction, texts, entered figures, who submitted/reviewed, who set the light,
-- and the facts frozen at submission: one JSON document (read only through the domain type).
ALTER TABLE quality_cards ADD COLUMN body TEXT NOT NULL DEFAULT '{}';
ALTER TABLE quality_cards ADD COLUMN state TEXT NOT NULL DEFAULT 'draft'
    CHECK (state IN ('draft', 'submitted', 'reviewed'));
ALTER TABLE quality_cards ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Earlier versions of a card, as they were when a correction replaced them.
CREATE TABLE quality_card_versions (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    card        TEXT NOT NULL,              -- the QualityCard as JSON
    replaced_by INTEGER NOT NULL REFERENCES people(id),
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (account_id, year, month, version)
);

CREATE TABLE card_comments (
    id              TEXT PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    month           INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    author_id       INTEGER NOT NULL REFERENCES people(id),
    text            TEXT NOT NULL,
    instruction     INTEGER NOT NULL DEFAULT 0,
    shared          INTEGER NOT NULL DEFAULT 0,
    written_on      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    acknowledged_by INTEGER REFERENCES people(id),
    acknowledged_on TEXT
);
CREATE INDEX card_comments_card ON card_comments(account_id, year, month);

-- Revenue, margin and hours of account care per account and month, from the finance system.
CREATE TABLE account_figures (
    account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year               INTEGER NOT NULL,
    month              INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    revenue            INTEGER NOT NULL,    -- euros
    margin             INTEGER NOT NULL,    -- euros
    hours_tenths       INTEGER NOT NULL,
    revenue_target     INTEGER,
    margin_target      INTEGER,
    hour_budget_tenths INTEGER,
    import_id          TEXT NOT NULL REFERENCES figure_imports(id),
    PRIMARY KEY (account_id, year, month)
);

CREATE TABLE figure_imports (
    id             TEXT PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people(id),
    file_name      TEXT NOT NULL,
    rows_new       INTEGER NOT NULL,
    rows_changed   INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL,
    at             TEXT NOT NULL
);

-- The suggested light's rules; empty means the company's standard rules.
CREATE TABLE light_rules (
    measure TEXT PRIMARY KEY,
    weight  INTEGER NOT NULL,
    green   INTEGER NOT NULL,
    yellow  INTEGER NOT NULL
);

-- The contract's yearly value in euros, one of the card's key facts.
ALTER TABLE accounts ADD COLUMN contract_value INTEGER;
