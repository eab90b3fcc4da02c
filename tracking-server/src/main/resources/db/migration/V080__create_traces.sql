-- MLflow 3 tracing (issue 18): trace info, its tags and request metadata, spans and assessments,
-- laid out as MLflow's SqlAlchemyStore keeps them (trace_info, trace_tags, trace_request_metadata,
-- spans, assessments). Child rows are deleted by the trace store with their trace (no FK cascade,
-- so SQLite and PostgreSQL behave the same without PRAGMA foreign_keys).
CREATE TABLE trace_info (
  request_id VARCHAR(64) PRIMARY KEY,
  experiment_id BIGINT NOT NULL,
  timestamp_ms BIGINT NOT NULL,
  execution_time_ms BIGINT,
  status VARCHAR(32) NOT NULL,
  client_request_id VARCHAR(250),
  request_preview TEXT,
  response_preview TEXT
);
CREATE INDEX trace_info_experiment_time ON trace_info (experiment_id, timestamp_ms);

CREATE TABLE trace_tags (
  request_id VARCHAR(64) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (request_id, key)
);

CREATE TABLE trace_request_metadata (
  request_id VARCHAR(64) NOT NULL,
  key VARCHAR(250) NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (request_id, key)
);

-- One row per span; content is the span as MLflow serialises it (Span.to_dict: ids in base64,
-- attribute values JSON-encoded), from which get-trace rebuilds the OpenTelemetry span.
CREATE TABLE spans (
  trace_id VARCHAR(64) NOT NULL,
  span_id VARCHAR(32) NOT NULL,
  experiment_id BIGINT NOT NULL,
  parent_span_id VARCHAR(32),
  name TEXT,
  type VARCHAR(500),
  status VARCHAR(32) NOT NULL,
  start_time_unix_nano BIGINT NOT NULL,
  end_time_unix_nano BIGINT,
  content TEXT NOT NULL,
  PRIMARY KEY (trace_id, span_id)
);

-- Assessments (feedback, expectations): the columns searches and lists need, plus the whole
-- assessment as MLflow's JSON (content), rewritten on update.
CREATE TABLE assessments (
  assessment_id VARCHAR(64) PRIMARY KEY,
  trace_id VARCHAR(64) NOT NULL,
  name VARCHAR(250) NOT NULL,
  created_timestamp BIGINT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX assessments_trace ON assessments (trace_id, created_timestamp);

-- Traces linked to runs (link-to-run; MLflow's entity_associations for TRACE -> RUN).
CREATE TABLE trace_run_links (
  trace_id VARCHAR(64) NOT NULL,
  run_id VARCHAR(32) NOT NULL,
  PRIMARY KEY (trace_id, run_id)
);
CREATE INDEX trace_run_links_run ON trace_run_links (run_id);
