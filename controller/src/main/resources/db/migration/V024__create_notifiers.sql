-- Where alert notifications go. url and secret may carry tokens: the API never returns them in full.
CREATE TABLE notifiers (
  id             VARCHAR(36)    NOT NULL PRIMARY KEY,
  name           VARCHAR(100)   NOT NULL UNIQUE,
  type           VARCHAR(16)    NOT NULL,
  enabled        BOOLEAN        NOT NULL,
  url            VARCHAR(2000),
  secret         VARCHAR(1000),
  smtp_host      VARCHAR(255),
  smtp_port      INTEGER,
  smtp_tls       VARCHAR(16),
  smtp_username  VARCHAR(255),
  mail_from      VARCHAR(255),
  mail_to        VARCHAR(1000),
  created_at     BIGINT         NOT NULL
);
