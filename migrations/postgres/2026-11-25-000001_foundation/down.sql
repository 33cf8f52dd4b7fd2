DROP TABLE audit_log;
DROP TABLE throttle_events;
DROP TABLE outbox;
DROP TABLE email_tokens;
DROP TABLE company_staff;
DROP TABLE companies;
DROP TABLE users;
