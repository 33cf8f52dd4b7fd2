-- Review aggregates stored on the company, recomputed on every change from
-- that company's reviews alone (cheap: one grouped query on an index).
ALTER TABLE companies ADD COLUMN review_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN stars_1 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN stars_2 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN stars_3 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN stars_4 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN stars_5 INTEGER NOT NULL DEFAULT 0;

CREATE TABLE review_invitations (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    created_by BIGINT NOT NULL REFERENCES users (id),
    email TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX review_invitations_company ON review_invitations (company_id, id);

CREATE TABLE reviews (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    rating INTEGER NOT NULL,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    experience_date DATE,
    -- Order or booking reference: shown only to the company's staff and moderators.
    reference TEXT,
    invitation_id BIGINT REFERENCES review_invitations (id),
    helpful_count INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    withdrawn_at TIMESTAMP
);
-- One review per customer per company.
CREATE UNIQUE INDEX reviews_one_per_customer ON reviews (company_id, author_id);
CREATE INDEX reviews_company ON reviews (company_id, id);
CREATE INDEX reviews_company_rating ON reviews (company_id, rating, id);
CREATE INDEX reviews_company_helpful ON reviews (company_id, helpful_count, id);

CREATE TABLE review_revisions (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES reviews (id),
    rating INTEGER NOT NULL,
    title TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    experience_date DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX review_revisions_review ON review_revisions (review_id, id);

-- Labels are data: invited, edited, withdrawn now; verification labels later.
CREATE TABLE review_labels (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES reviews (id),
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (review_id, label)
);
CREATE INDEX review_labels_label ON review_labels (label, review_id);

CREATE TABLE review_helpful (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL REFERENCES reviews (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (review_id, user_id)
);

CREATE TABLE review_replies (
    id BIGSERIAL PRIMARY KEY,
    review_id BIGINT NOT NULL UNIQUE REFERENCES reviews (id),
    company_id BIGINT NOT NULL REFERENCES companies (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP
);

CREATE TABLE review_reply_revisions (
    id BIGSERIAL PRIMARY KEY,
    reply_id BIGINT NOT NULL REFERENCES review_replies (id),
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
