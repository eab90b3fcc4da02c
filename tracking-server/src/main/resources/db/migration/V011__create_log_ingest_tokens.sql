-- Ingest-only tokens for log senders (agents, Promtail): only a SHA-256 of the random secret is kept.
CREATE TABLE log_ingest_tokens (
  name VARCHAR(100) PRIMARY KEY,
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  created_by VARCHAR(255),
  creation_time BIGINT NOT NULL
);
