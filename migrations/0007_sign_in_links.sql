-- One-time sign-in links: how a person with no password yet (a supervisor the billing-system
-- import added) or one who forgot theirs gets in. Only a SHA-256 of the link's secret is kept,
-- so a copy of the database cannot be used to sign in. Times are Unix milliseconds.
CREATE TABLE sign_in_links (
    token_hash TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    created_by INTEGER REFERENCES people(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER                          -- used, or replaced by a newer link
);
CREATE INDEX sign_in_links_person ON sign_in_links(person_id);
