-- Tracking store, part 3: metric history (append-only) and the latest value per run and key.
-- NaN is stored as value 0 with is_nan = 1, as MLflow does, because SQLite cannot store NaN.
CREATE TABLE metrics (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan SMALLINT NOT NULL,
  model_id VARCHAR(64),
  dataset_name TEXT,
  dataset_digest TEXT,
  -- An exact duplicate point is a no-op (MLflow's primary key); the order serves get-history.
  PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
);
CREATE INDEX metrics_model ON metrics (model_id);

CREATE TABLE latest_metrics (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan SMALLINT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
-- search-runs filters and orders by metrics.<key>.
CREATE INDEX latest_metrics_key_value ON latest_metrics (key, value, run_uuid);
