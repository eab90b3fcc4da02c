-- Per-user scorer permissions, keyed as MLflow's auth store keys them: the pattern
-- "<experiment_id>/<url-quoted scorer name>" (quote(name, safe='')).
CREATE TABLE auth_scorer_permissions (
  resource_pattern VARCHAR(1000) NOT NULL,
  user_id BIGINT NOT NULL,
  permission VARCHAR(32) NOT NULL,
  PRIMARY KEY (resource_pattern, user_id)
);
CREATE INDEX auth_scorer_permissions_user ON auth_scorer_permissions (user_id);
