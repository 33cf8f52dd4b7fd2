-- The staff support desk: service settings and office hours, assignment,
-- "no answer needed", canned answers, private conversations, incidents, the
-- FAQ, and the daily rollup behind the figures.

CREATE TABLE service_settings (
    company_id BIGINT PRIMARY KEY REFERENCES companies (id),
    -- Target time to first answer, counted in office hours.
    target_minutes INTEGER NOT NULL DEFAULT 30,
    -- An IANA zone name ('Europe/Stockholm').
    time_zone TEXT NOT NULL,
    -- Monday to Sunday: "08:00-17:00" or empty (closed), joined by ';'.
    weekly_hours TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE service_holidays (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    day DATE NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    UNIQUE (company_id, day)
);

-- Who on the staff has the thread; claims race through a conditional update.
ALTER TABLE threads ADD COLUMN assigned_to BIGINT REFERENCES users (id);
ALTER TABLE threads ADD COLUMN assigned_at TIMESTAMP;
-- "No answer needed": out of the queue, counted as such in the figures.
ALTER TABLE threads ADD COLUMN no_answer_reason TEXT;
ALTER TABLE threads ADD COLUMN no_answer_note TEXT;
ALTER TABLE threads ADD COLUMN no_answer_at TIMESTAMP;
-- The company liked a thanks-only thread instead of answering it.
ALTER TABLE threads ADD COLUMN company_liked_at TIMESTAMP;
-- The automatic notice on threads asked outside office hours.
ALTER TABLE threads ADD COLUMN after_hours_opens_at TIMESTAMP;
ALTER TABLE threads ADD COLUMN after_hours_due_at TIMESTAMP;
ALTER TABLE threads ADD COLUMN incident_id BIGINT;
-- Time to first answer counted in office hours (filled by the rollup job).
ALTER TABLE threads ADD COLUMN first_response_office_secs BIGINT;
-- The public note that the company contacted the customer privately.
ALTER TABLE threads ADD COLUMN private_contact_at TIMESTAMP;
ALTER TABLE reviews ADD COLUMN private_contact_at TIMESTAMP;
CREATE INDEX threads_company_created ON threads (company_id, created_at);

CREATE TABLE canned_answers (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    title TEXT NOT NULL,
    -- Markdown with placeholders: {customer}, {company}, {agent}.
    body TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX canned_answers_company ON canned_answers (company_id, title);

CREATE TABLE conversations (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    customer_id BIGINT NOT NULL REFERENCES users (id),
    thread_id BIGINT REFERENCES threads (id),
    review_id BIGINT REFERENCES reviews (id),
    subject TEXT NOT NULL,
    started_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_message_at TIMESTAMP NOT NULL
);
CREATE INDEX conversations_company ON conversations (company_id, last_message_at);
CREATE INDEX conversations_customer ON conversations (customer_id, last_message_at);

CREATE TABLE conversation_messages (
    id BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    -- Written by the company's staff (the company's voice).
    from_company BOOLEAN NOT NULL,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX conversation_messages_conversation ON conversation_messages (conversation_id, id);

CREATE TABLE incidents (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    title TEXT NOT NULL,
    -- 'investigating', 'identified', 'monitoring' or 'resolved'.
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
CREATE INDEX incidents_company ON incidents (company_id, resolved_at);

CREATE TABLE incident_updates (
    id BIGSERIAL PRIMARY KEY,
    incident_id BIGINT NOT NULL REFERENCES incidents (id),
    status TEXT NOT NULL,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, id);

CREATE TABLE faq_entries (
    id BIGSERIAL PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES companies (id),
    thread_id BIGINT NOT NULL UNIQUE REFERENCES threads (id),
    question TEXT NOT NULL,
    answer_source TEXT NOT NULL,
    answer_html TEXT NOT NULL,
    promoted_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX faq_entries_company ON faq_entries (company_id, id);

-- One row per company and day, rebuilt by the rollup job; the figures read
-- these rows, never the posts.
CREATE TABLE support_daily (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    day DATE NOT NULL,
    questions INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    answered_in_target INTEGER NOT NULL,
    no_answer_needed INTEGER NOT NULL,
    response_secs BIGINT NOT NULL,
    response_office_secs BIGINT NOT NULL,
    ratings INTEGER NOT NULL,
    ratings_high INTEGER NOT NULL,
    ratings_low INTEGER NOT NULL,
    reviews INTEGER NOT NULL,
    review_rating_sum BIGINT NOT NULL,
    review_replies INTEGER NOT NULL,
    review_reply_secs BIGINT NOT NULL,
    PRIMARY KEY (company_id, day)
);

-- Which customers were active with a company on which day (threads,
-- replies, reviews): new and returning customers come from here.
CREATE TABLE customer_days (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    day DATE NOT NULL,
    PRIMARY KEY (company_id, user_id, day)
);
CREATE INDEX customer_days_day ON customer_days (company_id, day);
