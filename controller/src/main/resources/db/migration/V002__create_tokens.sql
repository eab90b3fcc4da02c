-- Bearer tokens: login sessions and long-lived API tokens. Only the SHA-256 of a token is stored.
CREATE TABLE tokens (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  user_id      VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         VARCHAR(16)  NOT NULL,
  name         VARCHAR(100),
  token_hash   VARCHAR(64)  NOT NULL UNIQUE,
  role         VARCHAR(16)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL,
  revoked_at   BIGINT,
  last_used_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);
