-- Central logs (SQLite flavour; db/migration-postgresql holds the PostgreSQL one of the same version).
-- A stream is one (host, service, labels) combination, as in Loki: entries carry only its id, so
-- the labels of a container are stored once, not once per line, and label filters read this table.
CREATE TABLE log_streams (
  stream_id INTEGER PRIMARY KEY,
  stream_key TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  service TEXT NOT NULL,
  labels TEXT NOT NULL
);
CREATE INDEX log_streams_service ON log_streams (service);
CREATE INDEX log_streams_host ON log_streams (host);

-- id = (timestamp in ms << 20) | sequence: rowid order is time order, so "newest first", paging and
-- time ranges are rowid ranges that FTS5 and the primary key walk without sorting (LogIds).
CREATE TABLE log_entries (
  id INTEGER PRIMARY KEY,
  stream_id INTEGER NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX log_entries_stream ON log_entries (stream_id, id);

-- Contentless full-text index of the messages (the text lives once, in log_entries); deletable rows
-- so retention can drop old entries from the index too.
CREATE VIRTUAL TABLE log_fts USING fts5(
  message, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);

-- Batch ids already stored: a resent batch (agent retry after a lost answer) is stored at most once.
CREATE TABLE log_batches (
  batch_id VARCHAR(200) PRIMARY KEY,
  received BIGINT NOT NULL,
  accepted INTEGER NOT NULL
);
CREATE INDEX log_batches_received ON log_batches (received);
