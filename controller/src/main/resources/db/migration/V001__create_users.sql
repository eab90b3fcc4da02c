-- Accounts. Portable SQL: runs unchanged on SQLite (default) and PostgreSQL. Times are epoch milliseconds.
CREATE TABLE users (
  id            VARCHAR(36)  NOT NULL PRIMARY KEY,
  username      VARCHAR(64)  NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    BIGINT       NOT NULL,
  updated_at    BIGINT       NOT NULL
);
