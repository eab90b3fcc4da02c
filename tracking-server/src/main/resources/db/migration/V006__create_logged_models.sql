-- MLflow 3 logged models (what mlflow.<flavor>.log_model creates before uploading artifacts).
CREATE TABLE logged_models (
  model_id VARCHAR(64) PRIMARY KEY,
  experiment_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  artifact_location TEXT NOT NULL,
  creation_timestamp BIGINT NOT NULL,
  last_updated_timestamp BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  lifecycle_stage VARCHAR(32) NOT NULL,
  model_type TEXT,
  source_run_id VARCHAR(32),
  status_message TEXT
);
CREATE INDEX logged_models_experiment ON logged_models (experiment_id, creation_timestamp);

CREATE TABLE logged_model_params (
  model_id VARCHAR(64) NOT NULL,
  key VARCHAR(255) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (model_id, key)
);

CREATE TABLE logged_model_tags (
  model_id VARCHAR(64) NOT NULL,
  key VARCHAR(255) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (model_id, key)
);
