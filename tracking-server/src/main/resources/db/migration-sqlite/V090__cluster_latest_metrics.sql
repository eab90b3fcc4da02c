-- SQLite only (issue 19): latest_metrics becomes a WITHOUT ROWID table clustered on its primary key
-- (run_uuid, key). A rowid table kept the rows apart from the key index, so every lookup of a run's
-- metric (each run a search filters or orders on a metric, every upsert of a log-batch) walked two
-- B-trees; now one. Rows are copied, so existing stores keep their latest values.
-- The search index also gains is_nan before value, so "metrics.x > v" is one range of the index
-- (NaN latest values, stored as 0 with is_nan = 1, never match a comparison).
CREATE TABLE latest_metrics_clustered (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL,
  is_nan SMALLINT NOT NULL,
  PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID;
INSERT INTO latest_metrics_clustered (run_uuid, key, value, timestamp, step, is_nan)
  SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics;
DROP TABLE latest_metrics;
ALTER TABLE latest_metrics_clustered RENAME TO latest_metrics;
CREATE INDEX latest_metrics_key_value ON latest_metrics (key, is_nan, value, run_uuid);
