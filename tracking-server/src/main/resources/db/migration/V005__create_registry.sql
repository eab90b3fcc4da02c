-- Model registry: registered models, versions, tags and aliases.
CREATE TABLE registered_models (
  name VARCHAR(256) PRIMARY KEY,
  creation_time BIGINT,
  last_updated_time BIGINT,
  description TEXT
);

CREATE TABLE registered_model_tags (
  name VARCHAR(256) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT,
  PRIMARY KEY (name, key)
);

CREATE TABLE model_versions (
  name VARCHAR(256) NOT NULL,
  version INTEGER NOT NULL,
  creation_time BIGINT,
  last_updated_time BIGINT,
  description TEXT,
  user_id TEXT,
  current_stage VARCHAR(20) NOT NULL,
  source TEXT,
  run_id VARCHAR(32),
  status VARCHAR(20) NOT NULL,
  status_message TEXT,
  run_link TEXT,
  storage_location TEXT,
  model_id VARCHAR(64),
  PRIMARY KEY (name, version)
);
CREATE INDEX model_versions_run ON model_versions (run_id);

CREATE TABLE model_version_tags (
  name VARCHAR(256) NOT NULL,
  version INTEGER NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT,
  PRIMARY KEY (name, version, key)
);

CREATE TABLE registered_model_aliases (
  name VARCHAR(256) NOT NULL,
  alias VARCHAR(256) NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (name, alias)
);
