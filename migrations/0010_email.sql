-- E-mail when push cannot reach (issue 20): an urgent bulletin nobody acknowledged in the time
-- its writer chose is e-mailed to those who have not; mentions to those who asked for it.

-- Urgent bulletins: e-mail who has not acknowledged this long after posting. NULL: never
-- (every bulletin from before e-mail existed, and every other post).
ALTER TABLE channel_posts ADD COLUMN email_after_minutes INTEGER;
-- When the e-mails of an urgent bulletin were queued: each bulletin is looked at once.
ALTER TABLE channel_posts ADD COLUMN email_queued_at TEXT;
CREATE INDEX channel_posts_email_due ON channel_posts(created_at)
    WHERE email_after_minutes IS NOT NULL AND email_queued_at IS NULL;

-- A person's own choice: mentions of them are e-mailed too.
ALTER TABLE people ADD COLUMN email_mentions INTEGER NOT NULL DEFAULT 0;

-- E-mails to send. One row per person per post: nobody gets two e-mails about one post.
CREATE TABLE email_outbox (
    post_id     TEXT NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    reason      TEXT NOT NULL CHECK (reason IN ('unacknowledged', 'mention')),
    queued_at   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_try_ms INTEGER NOT NULL,             -- not before this (ms since 1970): retries back off
    sent_at     TEXT,
    dropped_at  TEXT,                         -- not sent: acknowledged meanwhile, or gave up
    last_error  TEXT,
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX email_outbox_waiting ON email_outbox(next_try_ms) WHERE sent_at IS NULL AND dropped_at IS NULL;
