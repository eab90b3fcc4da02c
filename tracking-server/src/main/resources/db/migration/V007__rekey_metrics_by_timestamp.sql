-- MLflow returns a metric's history ordered by (timestamp, step, value); key the table that way so
-- get-history reads the primary-key index in order instead of sorting up to millions of points.
-- Rows are copied, so stores created with V003's layout keep their data.
CREATE TABLE metrics_by_time (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan SMALLINT NOT NULL,
  model_id VARCHAR(64),
  dataset_name TEXT,
  dataset_digest TEXT,
  PRIMARY KEY (run_uuid, key, timestamp, step, value, is_nan)
);
INSERT INTO metrics_by_time (run_uuid, key, value, timestamp, step, is_nan, model_id, dataset_name, dataset_digest)
  SELECT run_uuid, key, value, timestamp, step, is_nan, model_id, dataset_name, dataset_digest FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_by_time RENAME TO metrics;
CREATE INDEX metrics_model ON metrics (model_id);
