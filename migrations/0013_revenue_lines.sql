-- The finance import's lines of each month (issue 19): its contract work and each project, so
-- the revenue page splits the base trend from one-off projects. account_figures stays each
-- month's sum, which the quality card and the goals read. A month imported before this has
-- one contract line: its whole revenue.
CREATE TABLE revenue_lines (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    is_project INTEGER NOT NULL,
    project    TEXT NOT NULL,               -- the finance system's id; '' when the row had none
    revenue    INTEGER NOT NULL,            -- euros
    margin     INTEGER NOT NULL,            -- euros
    PRIMARY KEY (account_id, year, month, is_project, project)
);
INSERT INTO revenue_lines (account_id, year, month, is_project, project, revenue, margin)
SELECT account_id, year, month, 0, '', revenue, margin FROM account_figures;

-- Who made a record of the one engine, from the session that sent it (never from the record):
-- a log of decisions (a one-off override) names its author by this.
ALTER TABLE records ADD COLUMN created_by INTEGER REFERENCES people(id);
