-- Hardening.
-- Sessions live in the database, so that logging out, "log out
-- everywhere", a password change and an administrator's suspension end
-- exactly the sessions they should. The browser holds a random token; only
-- its hash is stored. `expires_at` is the absolute end; the idle timeout is
-- counted from `last_seen_at`.
CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    remember BOOLEAN NOT NULL,
    user_agent TEXT NOT NULL,
    address_hash TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- The generation counter in the signed cookie is replaced by the table above.
ALTER TABLE users DROP COLUMN session_generation;
-- An administrator's suspension of the whole account: no login, no session.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;

-- The audit trail a security reviewer expects: which request, from which
-- (hashed) address, and whether it succeeded.
ALTER TABLE audit_log ADD COLUMN request_id TEXT;
ALTER TABLE audit_log ADD COLUMN address_hash TEXT;
ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'success';
CREATE INDEX audit_log_created ON audit_log (created_at);

-- Which instance holds a lease on a message, so that a restarted instance
-- releases the leases its previous run left behind.
ALTER TABLE outbox ADD COLUMN locked_by TEXT;
-- A sent message keeps its metadata, not its body: bodies hold live reset,
-- verification and invitation links.
UPDATE outbox SET body_text = '', body_html = '' WHERE sent_at IS NOT NULL OR failed_at IS NOT NULL;

-- Searches that found nothing belong to the company whose pages they were
-- made from (none: site-wide, seen by administrators only). The misses kept
-- so far were site-wide and unmasked, with whatever personal data people
-- typed; they cannot be scoped after the fact, so they go.
DELETE FROM search_misses;
ALTER TABLE search_misses ADD COLUMN company_id BIGINT REFERENCES companies (id);
CREATE INDEX search_misses_company ON search_misses (company_id, created_at);
