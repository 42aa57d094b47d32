-- The language each person last chose in the app, for what Kamu sends them while they are not
-- looking (e-mail). Finnish until they choose otherwise.
ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en'));
