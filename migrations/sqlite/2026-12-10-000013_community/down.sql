ALTER TABLE outbox DROP COLUMN list_unsubscribe;
DROP TABLE invitation_refusals;
DROP TRIGGER reviews_fts_update;
DROP TRIGGER reviews_fts_insert;
DROP TABLE reviews_fts;
ALTER TABLE guideline_versions DROP COLUMN examples_nb;
ALTER TABLE guideline_versions DROP COLUMN explanation_nb;
ALTER TABLE guideline_versions DROP COLUMN title_nb;
ALTER TABLE company_staff DROP COLUMN desk_seen_at;
DROP INDEX threads_activity;
DROP INDEX threads_category_activity;
DROP TABLE thread_reads;
DROP INDEX users_mail_token;
ALTER TABLE users DROP COLUMN time_zone;
ALTER TABLE users DROP COLUMN last_digest_at;
ALTER TABLE users DROP COLUMN mail_token;
ALTER TABLE users DROP COLUMN bio;
DROP TABLE notification_settings;
DELETE FROM notifications WHERE decision_id IS NULL;
CREATE TABLE notifications_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES moderation_decisions (id),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_old (id, user_id, kind, decision_id, created_at, read_at)
    SELECT id, user_id, kind, decision_id, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_old RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
