-- Suspicious reviews: the industry a company is in (for the "staff of a
-- competitor" signal), each review's suspicion signals and score, where it
-- was written from (hashed), and verification requests.
ALTER TABLE companies ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE reviews ADD COLUMN suspicion_score INTEGER NOT NULL DEFAULT 0;
-- Keyed hashes of the client address and the device cookie: comparable,
-- not reversible without the server's key.
ALTER TABLE reviews ADD COLUMN client_hash TEXT;
ALTER TABLE reviews ADD COLUMN device_hash TEXT;
CREATE INDEX reviews_company_created ON reviews (company_id, created_at);

CREATE TABLE review_signals (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES reviews (id),
    code TEXT NOT NULL,
    weight INTEGER NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX review_signals_review ON review_signals (review_id);

CREATE TABLE verifications (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES reviews (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    -- 'score', 'company' (its staff asked) or 'self' (the reviewer offered).
    trigger TEXT NOT NULL,
    triggered_by BIGINT REFERENCES users (id),
    -- The review's rating when it was queued (for the fairness figures).
    rating INTEGER NOT NULL,
    -- 'queued', 'requested', 'answered', 'verified', 'not-verified', 'dismissed'.
    status TEXT NOT NULL,
    lock_version INTEGER NOT NULL DEFAULT 0,
    message TEXT,
    token_hash TEXT UNIQUE,
    requested_by BIGINT REFERENCES users (id),
    requested_at TIMESTAMP,
    deadline_at TIMESTAMP,
    answer_text TEXT,
    -- Order number, booking, invoice date: moderators and the company's staff only.
    answer_reference TEXT,
    answered_at TIMESTAMP,
    decided_by BIGINT REFERENCES users (id),
    decided_at TIMESTAMP,
    decision_id BIGINT REFERENCES moderation_decisions (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX verifications_status ON verifications (status, created_at);
CREATE INDEX verifications_review ON verifications (review_id);
CREATE UNIQUE INDEX verifications_one_open ON verifications (review_id)
    WHERE status IN ('queued', 'requested', 'answered');
