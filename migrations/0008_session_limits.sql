-- Sign-ins made before this moment (ms since 1970) no longer count: set when a person's
-- password is set through a sign-in link, which ends their other sessions.
ALTER TABLE people ADD COLUMN sessions_valid_after INTEGER NOT NULL DEFAULT 0;
