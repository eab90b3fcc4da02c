-- MLflow 3.17 GenAI issues (issue 18), laid out as MLflow's SqlIssue: quality problems found in an
-- experiment's traces. root_causes and categories are JSON arrays stored as text, as MLflow does.
-- No FK to experiments, so SQLite and PostgreSQL behave the same (experiments are never hard-deleted).
CREATE TABLE issues (
  issue_id VARCHAR(36) PRIMARY KEY,
  experiment_id BIGINT NOT NULL,
  name VARCHAR(250) NOT NULL,
  description TEXT NOT NULL,
  status VARCHAR(50) NOT NULL,
  severity VARCHAR(50),
  root_causes TEXT,
  source_run_id VARCHAR(32),
  categories TEXT,
  created_timestamp BIGINT NOT NULL,
  last_updated_timestamp BIGINT NOT NULL,
  created_by VARCHAR(255)
);
CREATE INDEX issues_experiment ON issues (experiment_id, created_timestamp);
