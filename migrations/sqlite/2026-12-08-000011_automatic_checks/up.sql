-- Automatic checks (issue 17).
-- Watched words: patterns administrators manage, each with a language ('' for
-- every language), an action (hold, flag, block, replace), the guideline
-- clause it cites, and a message (a block's) or a replacement (a replace's).
-- Versioned like the guidelines: an edit retires the row and adds a new one
-- that names the one it replaces; nothing is deleted.
CREATE TABLE watched_words (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lang TEXT NOT NULL DEFAULT '',
    pattern TEXT NOT NULL,
    action TEXT NOT NULL,
    clause_code TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    replaces_id BIGINT REFERENCES watched_words (id),
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP,
    retired_by BIGINT REFERENCES users (id)
);
CREATE INDEX watched_words_retired ON watched_words (retired_at);

-- Fingerprints of published texts, to see the same text posted by several
-- accounts within a day (spam). A hash of the normalised words, never the
-- words; kept for a week by the retention job.
CREATE TABLE content_fingerprints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX content_fingerprints_hash ON content_fingerprints (hash, created_at);
CREATE INDEX content_fingerprints_created ON content_fingerprints (created_at);
