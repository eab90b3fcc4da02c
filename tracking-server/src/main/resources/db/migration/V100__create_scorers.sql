-- MLflow 3 GenAI scorers (issue 18), laid out as MLflow's SqlAlchemyStore keeps them: one row per
-- (experiment, scorer name) with a stable scorer_id, its numbered versions (the serialized scorer
-- JSON, stored as sent), and the online scoring configuration of a scorer. Child rows are deleted by
-- the scorer store with their scorer (no FK cascade, so SQLite and PostgreSQL behave the same).
CREATE TABLE scorers (
  scorer_id VARCHAR(36) PRIMARY KEY,
  experiment_id BIGINT NOT NULL,
  scorer_name VARCHAR(256) NOT NULL,
  UNIQUE (experiment_id, scorer_name)
);

CREATE TABLE scorer_versions (
  scorer_id VARCHAR(36) NOT NULL,
  scorer_version INTEGER NOT NULL,
  serialized_scorer TEXT NOT NULL,
  creation_time BIGINT NOT NULL,
  PRIMARY KEY (scorer_id, scorer_version)
);

CREATE TABLE online_scoring_configs (
  online_scoring_config_id VARCHAR(32) PRIMARY KEY,
  scorer_id VARCHAR(36) NOT NULL,
  sample_rate DOUBLE PRECISION NOT NULL,
  experiment_id BIGINT NOT NULL,
  filter_string TEXT
);
CREATE INDEX online_scoring_configs_scorer ON online_scoring_configs (scorer_id);
