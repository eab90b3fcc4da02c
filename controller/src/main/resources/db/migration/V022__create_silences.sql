-- Silences: alerts whose labels match every matcher are not notified between starts_at and ends_at.
CREATE TABLE silences (
  id          VARCHAR(36)    NOT NULL PRIMARY KEY,
  matchers    VARCHAR(4000)  NOT NULL,
  starts_at   BIGINT         NOT NULL,
  ends_at     BIGINT         NOT NULL,
  created_by  VARCHAR(100),
  comment     VARCHAR(1000),
  created_at  BIGINT         NOT NULL
);
