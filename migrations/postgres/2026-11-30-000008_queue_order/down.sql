DROP INDEX moderation_cases_queue;
CREATE INDEX moderation_cases_queue ON moderation_cases (status, severity, opened_at);
