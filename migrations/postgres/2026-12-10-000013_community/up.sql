-- A community people come back to (issue 19).
-- Notifications grow from moderation's statements to everything that
-- happens to a person: an answer in their thread, a company's reply to their
-- review, a private message, a mention, a new question for staff. A row
-- names what happened (kind), who did it (actor), the item it concerns (its
-- words are read through the gate when the row is shown, never copied
-- here) and where it is read (link).
ALTER TABLE notifications ALTER COLUMN decision_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN item_kind TEXT;
ALTER TABLE notifications ADD COLUMN item_id BIGINT;
ALTER TABLE notifications ADD COLUMN actor_id BIGINT REFERENCES users (id);
ALTER TABLE notifications ADD COLUMN link TEXT NOT NULL DEFAULT '';
UPDATE notifications SET link = '/notifications/' || decision_id;
ALTER TABLE notifications ALTER COLUMN link DROP DEFAULT;
-- Waiting for the daily digest (the person chose a digest for the kind).
ALTER TABLE notifications ADD COLUMN digest_due BOOLEAN NOT NULL DEFAULT FALSE;
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

-- Search covers reviews too: a tsvector over their headline and text, kept
-- by a trigger like the posts' (withdrawn reviews have none).
ALTER TABLE reviews ADD COLUMN search_vector tsvector;
CREATE INDEX reviews_search ON reviews USING GIN (search_vector);
CREATE FUNCTION reviews_search_refresh() RETURNS trigger AS $$
BEGIN
    IF NEW.withdrawn_at IS NOT NULL THEN
        NEW.search_vector := NULL;
    ELSE
        NEW.search_vector := to_tsvector('simple', NEW.title || ' ' || NEW.body_source);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER reviews_search BEFORE INSERT OR UPDATE OF title, body_source, withdrawn_at ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_search_refresh();
UPDATE reviews SET search_vector = to_tsvector('simple', title || ' ' || body_source)
    WHERE withdrawn_at IS NULL;

-- Addresses that asked for no more review invitations, from any company:
-- kept as a hash of the address (an invitation is checked against it), so
-- the list names nobody.
CREATE TABLE invitation_refusals (
    email_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL
);

-- The List-Unsubscribe address of a non-security email (RFC 2369, 8058).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
