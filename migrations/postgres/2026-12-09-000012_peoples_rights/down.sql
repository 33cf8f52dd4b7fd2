ALTER TABLE companies DROP COLUMN score_weighted_sum;
ALTER TABLE companies DROP COLUMN score_weight;
ALTER TABLE users DROP COLUMN erased_at;
DROP TABLE data_exports;
DROP INDEX flags_unfounded;
ALTER TABLE flags DROP COLUMN manifestly_unfounded;
DROP TABLE reporting_measures;
DROP TABLE report_appeals;
DROP TABLE legal_notices;
