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
CREATE UNIQUE INDEX users_mail_token ON users (mail_token);

-- When a member of staff last opened the desk: it shows how many questions
-- arrived since.
ALTER TABLE company_staff ADD COLUMN desk_seen_at TIMESTAMP;

-- The List-Unsubscribe address of a non-security email (RFC 2369, 8058).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
