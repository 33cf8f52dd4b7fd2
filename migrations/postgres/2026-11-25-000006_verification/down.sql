DROP TABLE verifications;
DROP TABLE review_signals;
DROP INDEX reviews_company_created;
ALTER TABLE reviews DROP COLUMN device_hash;
ALTER TABLE reviews DROP COLUMN client_hash;
ALTER TABLE reviews DROP COLUMN suspicion_score;
ALTER TABLE companies DROP COLUMN category;
