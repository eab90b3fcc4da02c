-- Tracking store, part 1: experiments (MLflow's SQL store layout, portable to SQLite and PostgreSQL).
-- The default experiment "0" is inserted at start-up by ExperimentService, with the real creation time.
CREATE TABLE id_counters (
  name VARCHAR(64) PRIMARY KEY,
  next_id BIGINT NOT NULL
);
INSERT INTO id_counters (name, next_id) VALUES ('experiments', 1);

CREATE TABLE experiments (
  experiment_id BIGINT PRIMARY KEY,
  name VARCHAR(500) NOT NULL UNIQUE,
  artifact_location TEXT,
  lifecycle_stage VARCHAR(32) NOT NULL,
  creation_time BIGINT,
  last_update_time BIGINT
);
CREATE INDEX experiments_lifecycle ON experiments (lifecycle_stage, experiment_id);

CREATE TABLE experiment_tags (
  experiment_id BIGINT NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT,
  PRIMARY KEY (experiment_id, key)
);
