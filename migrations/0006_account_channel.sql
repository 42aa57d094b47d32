-- The account channel: sites and their supervisors from the billing system (with a log of who
-- gained or lost which account), bulletins, questions and answers with full-text search,
-- acknowledgements, mentions, the inbox's read marks, reminders and Web Push subscriptions.

-- A site the billing system no longer lists is kept (its clock history stays) but hidden:
-- every query reads the view `sites`, which holds only the sites in use, so a removed site
-- can never grant access by mistake. Writes go to `site_records`.
ALTER TABLE sites RENAME TO site_records;
ALTER TABLE site_records ADD COLUMN removed_on TEXT;
CREATE VIEW sites AS
    SELECT id, account_id, name, address, town, region_id, supervisor_id
    FROM site_records WHERE removed_on IS NULL;

-- One applied billing-system file.
CREATE TABLE site_imports (
    id          TEXT PRIMARY KEY,              -- UUIDv7
    file_name   TEXT NOT NULL,
    imported_by INTEGER REFERENCES people(id), -- NULL: the command line
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    new_sites   INTEGER NOT NULL,
    changed     INTEGER NOT NULL,
    removed     INTEGER NOT NULL
);

-- Who gained or lost access to which account because of which import.
CREATE TABLE membership_log (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    gained     INTEGER NOT NULL,
    import_id  TEXT NOT NULL REFERENCES site_imports(id),
    at         TEXT NOT NULL
);
CREATE INDEX membership_log_account ON membership_log(account_id, at);
CREATE INDEX membership_log_person ON membership_log(person_id, at);

CREATE TABLE channel_posts (
    id          TEXT PRIMARY KEY,              -- UUID made by the author's device (offline posts)
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL REFERENCES people(id),
    kind        TEXT NOT NULL CHECK (kind IN ('bulletin', 'question', 'answer')),
    urgency     TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'important', 'urgent')),
    question_id TEXT REFERENCES channel_posts(id) ON DELETE CASCADE, -- an answer's question
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    answered_at TEXT,                          -- a question marked answered
    closed_at   TEXT                           -- an urgent bulletin no longer asking for acks
);
CREATE INDEX channel_posts_account ON channel_posts(account_id, created_at);
CREATE INDEX channel_posts_question ON channel_posts(question_id);

-- Full-text search over the posts. Finnish keeps its letters: ä and a are different letters,
-- so diacritics are not folded.
CREATE VIRTUAL TABLE channel_search USING fts5(
    body, content = 'channel_posts', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER channel_posts_ai AFTER INSERT ON channel_posts BEGIN
    INSERT INTO channel_search(rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER channel_posts_ad AFTER DELETE ON channel_posts BEGIN
    INSERT INTO channel_search(channel_search, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER channel_posts_au AFTER UPDATE OF body ON channel_posts BEGIN
    INSERT INTO channel_search(channel_search, rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO channel_search(rowid, body) VALUES (new.rowid, new.body);
END;

CREATE TABLE post_mentions (
    post_id   TEXT NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX post_mentions_person ON post_mentions(person_id);

CREATE TABLE post_acks (
    post_id   TEXT NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    at        TEXT NOT NULL,
    PRIMARY KEY (post_id, person_id)
);

-- Read marks of the inbox; a reminder clears them for those who have not acknowledged.
CREATE TABLE inbox_reads (
    person_id INTEGER NOT NULL REFERENCES people(id),
    post_id   TEXT NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    PRIMARY KEY (person_id, post_id)
);

CREATE TABLE post_reminders (
    post_id TEXT NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
    sent_by INTEGER NOT NULL REFERENCES people(id),
    at      TEXT NOT NULL,
    people  INTEGER NOT NULL                   -- how many were reminded
);

-- Channel operations sent from devices: a retry gets the first answer and changes nothing.
CREATE TABLE channel_ops (
    op_id       TEXT PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    outcome     TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TABLE push_subscriptions (
    endpoint   TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX push_subscriptions_person ON push_subscriptions(person_id);

-- Settings the server makes itself once (the VAPID key pair for Web Push).
CREATE TABLE server_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
