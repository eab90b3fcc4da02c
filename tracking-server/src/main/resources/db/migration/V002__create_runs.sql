-- Tracking store, part 2: runs with their params and tags.
CREATE TABLE runs (
  run_uuid VARCHAR(32) PRIMARY KEY,
  name TEXT,
  experiment_id BIGINT NOT NULL,
  user_id TEXT,
  status VARCHAR(16) NOT NULL,
  start_time BIGINT,
  end_time BIGINT,
  deleted_time BIGINT,
  lifecycle_stage VARCHAR(32) NOT NULL,
  artifact_uri TEXT
);
-- search-runs' default order (start_time DESC, run_id) inside the requested experiments.
CREATE INDEX runs_experiment_start ON runs (experiment_id, start_time, run_uuid);

CREATE TABLE params (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
CREATE INDEX params_key_value ON params (key, value);

CREATE TABLE tags (
  run_uuid VARCHAR(32) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT,
  PRIMARY KEY (run_uuid, key)
);
CREATE INDEX tags_key_value ON tags (key, value);
