-- Alerting rules added through /api/alerts/rules (the file's and the built-in ones are not stored).
CREATE TABLE alert_rules (
  id           VARCHAR(36)    NOT NULL PRIMARY KEY,
  name         VARCHAR(200)   NOT NULL,
  group_name   VARCHAR(200)   NOT NULL,
  expr         VARCHAR(4000)  NOT NULL,
  for_seconds  BIGINT         NOT NULL,
  labels       VARCHAR(4000)  NOT NULL,
  annotations  VARCHAR(8000)  NOT NULL,
  created_at   BIGINT         NOT NULL,
  UNIQUE (group_name, name)
);
