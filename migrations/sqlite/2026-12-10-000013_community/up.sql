-- A community people come back to (issue 19).
-- Notifications grow from moderation's statements to everything that
-- happens to a person: an answer in their thread, a company's reply to their
-- review, a private message, a mention, a new question for staff. A row
-- names what happened (kind), who did it (actor), the item it concerns (its
-- words are read through the gate when the row is shown, never copied
-- here) and where it is read (link). SQLite cannot drop a NOT NULL, so the
-- table is rebuilt with its rows.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    decision_id BIGINT REFERENCES moderation_decisions (id),
    item_kind TEXT,
    item_id BIGINT,
    actor_id BIGINT REFERENCES users (id),
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    -- Waiting for the daily digest (the person chose a digest for the kind).
    digest_due BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO notifications_new (id, user_id, kind, decision_id, link, created_at, read_at)
    SELECT id, user_id, kind, decision_id, '/notifications/' || decision_id, created_at, read_at
    FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_digest ON notifications (digest_due, user_id);

-- How each kind reaches a person by email: 'immediately', 'digest' or
-- 'never'. No row means the kind's default.
CREATE TABLE notification_settings (
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- A short public bio; the token in the unsubscribe links of a person's
-- emails (opens their email settings without logging in); when their last
-- digest went out.
ALTER TABLE users ADD COLUMN bio TEXT;
ALTER TABLE users ADD COLUMN mail_token TEXT;
ALTER TABLE users ADD COLUMN last_digest_at TIMESTAMP;
-- The time zone a person reads times in (an IANA name); none: their
-- language's (Europe/Stockholm, Europe/Copenhagen, Europe/Oslo).
ALTER TABLE users ADD COLUMN time_zone TEXT;
CREATE UNIQUE INDEX users_mail_token ON users (mail_token);

-- What a person has read: a thread shows as updated for them when it has
-- moved since. Written only when a visit finds something new.
CREATE TABLE thread_reads (
    user_id BIGINT NOT NULL REFERENCES users (id),
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
-- Sections and the Latest view list threads by their last activity.
CREATE INDEX threads_category_activity ON threads (category_id, last_activity_at, id);
CREATE INDEX threads_activity ON threads (last_activity_at, id);

-- When a member of staff last opened the desk: it shows how many questions
-- arrived since.
ALTER TABLE company_staff ADD COLUMN desk_seen_at TIMESTAMP;

-- Norwegian (bokmål) as a fourth language: the guidelines in it. A version
-- saved before has none (its Danish stands in); the seeded clauses get
-- theirs when the application starts.
ALTER TABLE guideline_versions ADD COLUMN title_nb TEXT NOT NULL DEFAULT '';
ALTER TABLE guideline_versions ADD COLUMN explanation_nb TEXT NOT NULL DEFAULT '';
ALTER TABLE guideline_versions ADD COLUMN examples_nb TEXT NOT NULL DEFAULT '';

-- Search covers reviews too: a full-text index over their headline and
-- text, kept in step by triggers like the posts' (withdrawn reviews leave it).
CREATE VIRTUAL TABLE reviews_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER reviews_fts_insert AFTER INSERT ON reviews WHEN new.withdrawn_at IS NULL BEGIN
    INSERT INTO reviews_fts (rowid, title, body) VALUES (new.id, new.title, new.body_source);
END;
CREATE TRIGGER reviews_fts_update AFTER UPDATE OF title, body_source, withdrawn_at ON reviews BEGIN
    DELETE FROM reviews_fts WHERE rowid = old.id;
    INSERT INTO reviews_fts (rowid, title, body)
    SELECT new.id, new.title, new.body_source WHERE new.withdrawn_at IS NULL;
END;
INSERT INTO reviews_fts (rowid, title, body)
    SELECT id, title, body_source FROM reviews WHERE withdrawn_at IS NULL;

-- Addresses that asked for no more review invitations, from any company:
-- kept as a hash of the address (an invitation is checked against it), so
-- the list names nobody.
CREATE TABLE invitation_refusals (
    email_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL
);

-- The List-Unsubscribe address of a non-security email (RFC 2369, 8058).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
