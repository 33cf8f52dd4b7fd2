-- The public response-time badge per company, recomputed by a background job.
CREATE TABLE company_response_times (
    company_id BIGINT PRIMARY KEY REFERENCES companies (id),
    -- Average time to first answer in seconds; NULL when there was not enough data.
    average_secs BIGINT,
    answered_threads INTEGER NOT NULL,
    window_hours INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_first_answer ON threads (first_staff_answer_at);
