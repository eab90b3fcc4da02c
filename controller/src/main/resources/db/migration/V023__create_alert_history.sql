-- Every alert state change (pending, firing, resolved), newest read first.
CREATE TABLE alert_history (
  id           VARCHAR(36)    NOT NULL PRIMARY KEY,
  at           BIGINT         NOT NULL,
  rule_id      VARCHAR(300)   NOT NULL,
  alert_name   VARCHAR(200)   NOT NULL,
  fingerprint  VARCHAR(32)    NOT NULL,
  state        VARCHAR(16)    NOT NULL,
  labels       VARCHAR(4000)  NOT NULL,
  value        DOUBLE PRECISION,
  silenced     BOOLEAN        NOT NULL
);
CREATE INDEX alert_history_at ON alert_history (at, id);
