-- Moderation: guidelines as versioned data, flags, the queue (cases),
-- decisions (each one is also the statement of reasons), appeals and the
-- notifications that carry statements to authors and outcomes to flaggers.
-- Nothing here deletes content: items carry a moderation state instead.

-- 'visible', 'held' (pending review: only the author and moderators see it)
-- or 'hidden' (the public sees a notice naming the clause and the date).
ALTER TABLE posts ADD COLUMN moderation_state TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE posts ADD COLUMN moderation_clause INTEGER;
ALTER TABLE posts ADD COLUMN moderated_at TIMESTAMP;
-- Mirrors the opening post, so that listings filter without a join.
ALTER TABLE threads ADD COLUMN moderation_state TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE threads ADD COLUMN moderation_clause INTEGER;
ALTER TABLE reviews ADD COLUMN moderation_state TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE reviews ADD COLUMN moderation_clause INTEGER;
ALTER TABLE reviews ADD COLUMN moderated_at TIMESTAMP;

CREATE TABLE guideline_clauses (
    id BIGSERIAL PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE,
    -- Stable name the automatic checks cite ('personal-data', 'hate', ...).
    code TEXT NOT NULL UNIQUE,
    current_version_id BIGINT,
    created_at TIMESTAMP NOT NULL
);

-- Every edit of a clause is a new row; decisions cite the version they used.
CREATE TABLE guideline_versions (
    id BIGSERIAL PRIMARY KEY,
    clause_id BIGINT NOT NULL REFERENCES guideline_clauses (id),
    version INTEGER NOT NULL,
    -- 1 mild, 2 serious, 3 severe (severe automatic hits hold the item).
    severity INTEGER NOT NULL,
    -- Comma-separated: redact, hide, ask_edit, warn, suspend.
    actions TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_sv TEXT NOT NULL,
    title_da TEXT NOT NULL,
    explanation_en TEXT NOT NULL,
    explanation_sv TEXT NOT NULL,
    explanation_da TEXT NOT NULL,
    examples_en TEXT NOT NULL,
    examples_sv TEXT NOT NULL,
    examples_da TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (clause_id, version)
);

CREATE TABLE moderation_cases (
    id BIGSERIAL PRIMARY KEY,
    -- 'flag', 'auto' or 'appeal'.
    kind TEXT NOT NULL,
    -- 'post' or 'review'.
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    company_id BIGINT REFERENCES companies (id),
    clause_id BIGINT NOT NULL REFERENCES guideline_clauses (id),
    severity INTEGER NOT NULL,
    status TEXT NOT NULL,
    -- Optimistic locking: a decision names the version it saw.
    lock_version INTEGER NOT NULL DEFAULT 0,
    -- What an automatic check found, or why the case was reopened.
    facts TEXT NOT NULL DEFAULT '',
    appeal_id BIGINT,
    decision_id BIGINT,
    opened_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX moderation_cases_queue ON moderation_cases (status, severity, opened_at);
CREATE INDEX moderation_cases_item ON moderation_cases (item_kind, item_id);
-- Flags and automatic hits on one item gather in one open case per kind.
CREATE UNIQUE INDEX moderation_cases_one_open ON moderation_cases (item_kind, item_id, kind)
    WHERE status = 'open' AND kind <> 'appeal';

CREATE TABLE flags (
    id BIGSERIAL PRIMARY KEY,
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    company_id BIGINT REFERENCES companies (id),
    clause_id BIGINT NOT NULL REFERENCES guideline_clauses (id),
    -- NULL for a flag raised by an automatic check.
    flagger_id BIGINT REFERENCES users (id),
    automatic BOOLEAN NOT NULL DEFAULT FALSE,
    -- Raised by staff of the company the item is about.
    from_company_staff BOOLEAN NOT NULL DEFAULT FALSE,
    note TEXT NOT NULL DEFAULT '',
    -- 'open' or 'closed'.
    status TEXT NOT NULL,
    case_id BIGINT REFERENCES moderation_cases (id),
    -- 'upheld', 'dismissed' or 'already-reviewed'.
    outcome TEXT,
    decision_id BIGINT,
    created_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE UNIQUE INDEX flags_one_open_per_user ON flags (item_kind, item_id, flagger_id)
    WHERE status = 'open';
CREATE INDEX flags_case ON flags (case_id);

-- A decision is also its statement of reasons.
CREATE TABLE moderation_decisions (
    id BIGSERIAL PRIMARY KEY,
    case_id BIGINT REFERENCES moderation_cases (id),
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    company_id BIGINT REFERENCES companies (id),
    -- The author the decision is about.
    author_id BIGINT NOT NULL REFERENCES users (id),
    moderator_id BIGINT REFERENCES users (id),
    automatic BOOLEAN NOT NULL DEFAULT FALSE,
    -- dismiss, hold, release, redact, hide, ask_edit, warn, suspend, restore, upheld, reversed
    action TEXT NOT NULL,
    clause_id BIGINT NOT NULL REFERENCES guideline_clauses (id),
    guideline_version_id BIGINT NOT NULL REFERENCES guideline_versions (id),
    reason TEXT NOT NULL,
    facts TEXT NOT NULL DEFAULT '',
    -- Redactions: the words removed and the text before and after.
    redacted_text TEXT,
    original_source TEXT,
    redacted_source TEXT,
    -- Edit deadline or end of suspension.
    until_at TIMESTAMP,
    -- Restore and appeal outcomes point at the decision they concern.
    concerns_decision_id BIGINT REFERENCES moderation_decisions (id),
    -- NULL, 'pending', 'upheld' or 'reversed'.
    appeal_status TEXT,
    -- A restore or a reversal ends the effect of this decision.
    reversed_at TIMESTAMP,
    followed_up_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX moderation_decisions_item ON moderation_decisions (item_kind, item_id);
CREATE INDEX moderation_decisions_author ON moderation_decisions (author_id, id);
CREATE INDEX moderation_decisions_created ON moderation_decisions (created_at);

CREATE TABLE appeals (
    id BIGSERIAL PRIMARY KEY,
    -- Once per decision.
    decision_id BIGINT NOT NULL UNIQUE REFERENCES moderation_decisions (id),
    appellant_id BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    case_id BIGINT REFERENCES moderation_cases (id),
    outcome_decision_id BIGINT REFERENCES moderation_decisions (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    -- 'statement' (a decision about the user's content) or 'report-outcome'.
    kind TEXT NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES moderation_decisions (id),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, id);
