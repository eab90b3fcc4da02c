-- PostgreSQL side of V090 (issue 19): the search index on latest_metrics gains is_nan before value,
-- so "metrics.x > v" is one range of the index (NaN latest values, stored as 0 with is_nan = 1, never
-- match a comparison). The SQLite side also clusters the table on its key, which PostgreSQL's heap
-- tables have no equivalent of.
DROP INDEX latest_metrics_key_value;
CREATE INDEX latest_metrics_key_value ON latest_metrics (key, is_nan, value, run_uuid);
