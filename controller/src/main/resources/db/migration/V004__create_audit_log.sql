-- Append-only record of every action and login. No foreign keys: entries outlive users and environments.
CREATE TABLE audit_log (
  id             VARCHAR(36)   NOT NULL PRIMARY KEY,
  occurred_at    BIGINT        NOT NULL,
  username       VARCHAR(64),
  address        VARCHAR(64),
  action         VARCHAR(64)   NOT NULL,
  environment_id VARCHAR(36),
  target         VARCHAR(500),
  result         VARCHAR(16)   NOT NULL,
  message        VARCHAR(1000)
);
CREATE INDEX audit_log_time ON audit_log (occurred_at, id);
CREATE INDEX audit_log_user ON audit_log (username, occurred_at);
CREATE INDEX audit_log_environment ON audit_log (environment_id, occurred_at);
