-- Per-user registered-model permissions, keyed by model name as in MLflow's auth store.
CREATE TABLE auth_registered_model_permissions (
  name VARCHAR(256) NOT NULL,
  user_id BIGINT NOT NULL,
  permission VARCHAR(32) NOT NULL,
  PRIMARY KEY (name, user_id)
);
CREATE INDEX auth_registered_model_permissions_user ON auth_registered_model_permissions (user_id);
