-- MLflow 3 GenAI evaluation datasets (issue 18), laid out as MLflow's SqlAlchemyStore keeps them
-- (evaluation_datasets, evaluation_dataset_tags, evaluation_dataset_records); the links to
-- experiments, which MLflow keeps in its generic entity_associations table, get their own table.
-- Child rows are deleted by the store with their dataset (no FK cascade, so SQLite and PostgreSQL
-- behave the same without PRAGMA foreign_keys).
CREATE TABLE evaluation_datasets (
  dataset_id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(500) NOT NULL,
  digest VARCHAR(64),
  dataset_schema TEXT,
  profile TEXT,
  created_time BIGINT NOT NULL,
  last_update_time BIGINT NOT NULL,
  created_by VARCHAR(255),
  last_updated_by VARCHAR(255)
);
CREATE INDEX evaluation_datasets_created ON evaluation_datasets (created_time, dataset_id);

CREATE TABLE evaluation_dataset_tags (
  dataset_id VARCHAR(36) NOT NULL,
  key VARCHAR(255) NOT NULL,
  value TEXT,
  PRIMARY KEY (dataset_id, key)
);

CREATE TABLE evaluation_dataset_experiments (
  dataset_id VARCHAR(36) NOT NULL,
  experiment_id BIGINT NOT NULL,
  created_time BIGINT NOT NULL,
  PRIMARY KEY (dataset_id, experiment_id)
);
CREATE INDEX evaluation_dataset_experiments_exp ON evaluation_dataset_experiments (experiment_id);

-- One row per record; input_hash (SHA-256 of the inputs as canonical JSON) is the upsert key.
-- JSON columns hold the values as the client sent them.
CREATE TABLE evaluation_dataset_records (
  dataset_record_id VARCHAR(36) PRIMARY KEY,
  dataset_id VARCHAR(36) NOT NULL,
  input_hash VARCHAR(64) NOT NULL,
  inputs TEXT NOT NULL,
  outputs TEXT,
  expectations TEXT,
  tags TEXT,
  source TEXT,
  source_id VARCHAR(255),
  source_type VARCHAR(255),
  created_time BIGINT NOT NULL,
  last_update_time BIGINT NOT NULL,
  created_by VARCHAR(255),
  last_updated_by VARCHAR(255),
  UNIQUE (dataset_id, input_hash)
);
CREATE INDEX evaluation_dataset_records_page ON evaluation_dataset_records (dataset_id, created_time, dataset_record_id);
