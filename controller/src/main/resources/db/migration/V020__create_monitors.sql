-- Service monitors (issue 13): what to check, how often, and the last result with uptime counters.
CREATE TABLE monitors (
  id               VARCHAR(36)   NOT NULL PRIMARY KEY,
  name             VARCHAR(100)  NOT NULL UNIQUE,
  type             VARCHAR(8)    NOT NULL,
  target           VARCHAR(1000) NOT NULL,
  interval_seconds INTEGER       NOT NULL,
  timeout_seconds  INTEGER       NOT NULL,
  expected_status  INTEGER,
  keyword          VARCHAR(500),
  enabled          BOOLEAN       NOT NULL,
  created_at       BIGINT        NOT NULL,
  status           VARCHAR(8)    NOT NULL,
  message          VARCHAR(1000),
  last_checked     BIGINT,
  latency_ms       BIGINT,
  cert_expires_at  BIGINT,
  checks_total     BIGINT        NOT NULL,
  checks_up        BIGINT        NOT NULL
);
