-- Calendar subscriptions (iCalendar feeds): a secret token in the URL is the feed's only key,
-- so Outlook and Google Calendar can fetch it without signing in. Revoking ends it at once.

CREATE TABLE calendar_feeds (
    token      TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,  -- NULL: the person's own events
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feeds_person ON calendar_feeds(person_id);
