-- Tracking store, part 4: dataset inputs and logged-model inputs/outputs of runs.
CREATE TABLE datasets (
  dataset_uuid VARCHAR(36) PRIMARY KEY,
  experiment_id BIGINT NOT NULL,
  name VARCHAR(500) NOT NULL,
  digest VARCHAR(36) NOT NULL,
  source_type TEXT NOT NULL,
  source TEXT NOT NULL,
  dataset_schema TEXT,
  profile TEXT,
  UNIQUE (experiment_id, name, digest)
);

CREATE TABLE run_dataset_inputs (
  run_uuid VARCHAR(32) NOT NULL,
  dataset_uuid VARCHAR(36) NOT NULL,
  PRIMARY KEY (run_uuid, dataset_uuid)
);
CREATE INDEX run_dataset_inputs_dataset ON run_dataset_inputs (dataset_uuid);

CREATE TABLE input_tags (
  run_uuid VARCHAR(32) NOT NULL,
  dataset_uuid VARCHAR(36) NOT NULL,
  key VARCHAR(255) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (run_uuid, dataset_uuid, key)
);

-- direction: 'INPUT' (runs/log-inputs models[]) or 'OUTPUT' (runs/outputs).
CREATE TABLE run_models (
  run_uuid VARCHAR(32) NOT NULL,
  model_id VARCHAR(64) NOT NULL,
  direction VARCHAR(8) NOT NULL,
  step BIGINT NOT NULL,
  PRIMARY KEY (run_uuid, direction, model_id)
);
