-- Per-user experiment permissions (READ, USE, EDIT, MANAGE, NO_PERMISSIONS); no row = default permission.
CREATE TABLE auth_experiment_permissions (
  experiment_id VARCHAR(64) NOT NULL,
  user_id BIGINT NOT NULL,
  permission VARCHAR(32) NOT NULL,
  PRIMARY KEY (experiment_id, user_id)
);
CREATE INDEX auth_experiment_permissions_user ON auth_experiment_permissions (user_id);
