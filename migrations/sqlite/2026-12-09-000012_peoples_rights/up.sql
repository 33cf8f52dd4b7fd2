-- People's rights (issue 18).
-- Legal notices (DSA art. 16): anyone, with or without an account, reports
-- an item as illegal. The reporter confirms their address by an emailed
-- link; only then does the notice become a flag in the queue. The reporter's
-- name and address are blanked by the retention job a year after the
-- decision (docs/privacy.md).
CREATE TABLE legal_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    company_id BIGINT REFERENCES companies (id),
    ground TEXT NOT NULL,
    explanation TEXT NOT NULL,
    reporter_name TEXT NOT NULL,
    reporter_email TEXT NOT NULL,
    locale TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    confirmed_at TIMESTAMP,
    flag_id BIGINT REFERENCES flags (id),
    created_at TIMESTAMP NOT NULL,
    anonymised_at TIMESTAMP
);
CREATE INDEX legal_notices_flag ON legal_notices (flag_id);
CREATE INDEX legal_notices_created ON legal_notices (created_at);

-- A reporter's appeal against the dismissal of their report (DSA art. 20):
-- once per report, decided by a different moderator in a case of its own.
CREATE TABLE report_appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    flag_id BIGINT NOT NULL UNIQUE REFERENCES flags (id),
    decision_id BIGINT NOT NULL REFERENCES moderation_decisions (id),
    appellant_id BIGINT REFERENCES users (id),
    notice_id BIGINT REFERENCES legal_notices (id),
    text TEXT NOT NULL,
    case_id BIGINT REFERENCES moderation_cases (id),
    outcome_decision_id BIGINT REFERENCES moderation_decisions (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_appeals_case ON report_appeals (case_id);

-- Measures against misuse of reporting (DSA art. 23): a warning, then a
-- suspension of reporting, for an account or for a company's staff as a
-- whole. Each is its own statement of reasons and can be appealed once.
CREATE TABLE reporting_measures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT REFERENCES users (id),
    company_id BIGINT REFERENCES companies (id),
    kind TEXT NOT NULL,
    unfounded INTEGER NOT NULL,
    window_days INTEGER NOT NULL,
    until_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    appeal_text TEXT,
    appealed_at TIMESTAMP,
    appeal_outcome TEXT,
    appeal_reason TEXT,
    appeal_decided_by BIGINT REFERENCES users (id),
    appeal_decided_at TIMESTAMP
);
CREATE INDEX reporting_measures_user ON reporting_measures (user_id, created_at);
CREATE INDEX reporting_measures_company ON reporting_measures (company_id, created_at);

-- A moderator who dismisses a report may find it manifestly unfounded;
-- only those count towards the measures above.
ALTER TABLE flags ADD COLUMN manifestly_unfounded BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX flags_unfounded ON flags (flagger_id, closed_at);

-- Data exports (GDPR art. 15, 20): prepared by a job, fetched once by an
-- emailed link, removed by the retention job when the link expires.
CREATE TABLE data_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    archive BLOB,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    ready_at TIMESTAMP,
    expires_at TIMESTAMP,
    downloaded_at TIMESTAMP
);
CREATE INDEX data_exports_user ON data_exports (user_id, id);

-- Erasure (GDPR art. 17): the row stays so posts keep an author; what
-- identified the person goes and erased_at says when.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMP;

-- The score with age weighting: the sums the job and every review write
-- keep (weights halve every half-life).
ALTER TABLE companies ADD COLUMN score_weight REAL NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN score_weighted_sum REAL NOT NULL DEFAULT 0;
