-- Central logs (PostgreSQL flavour; db/migration-sqlite holds the SQLite one of the same version).
-- A stream is one (host, service, labels) combination, as in Loki: entries carry only its id.
CREATE TABLE log_streams (
  stream_id BIGSERIAL PRIMARY KEY,
  stream_key TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  service TEXT NOT NULL,
  labels TEXT NOT NULL
);
CREATE INDEX log_streams_service ON log_streams (service);
CREATE INDEX log_streams_host ON log_streams (host);

-- id = (timestamp in ms << 20) | sequence: id order is time order (LogIds). The text-search vector
-- splits on every non-alphanumeric character, as SQLite's unicode61 tokenizer and the query side
-- do, so "api" finds "/api/x" (PostgreSQL's parser alone would keep the path as one token).
CREATE TABLE log_entries (
  id BIGINT PRIMARY KEY,
  stream_id BIGINT NOT NULL,
  level VARCHAR(16) NOT NULL,
  message TEXT NOT NULL,
  message_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(message, '[^[:alnum:]]+', ' ', 'g'))
  ) STORED
);
CREATE INDEX log_entries_stream ON log_entries (stream_id, id);
CREATE INDEX log_entries_fts ON log_entries USING GIN (message_tsv);

CREATE TABLE log_batches (
  batch_id VARCHAR(200) PRIMARY KEY,
  received BIGINT NOT NULL,
  accepted INTEGER NOT NULL
);
CREATE INDEX log_batches_received ON log_batches (received);
