-- Agents the controller manages, with the last status snapshot (Portainer keeps snapshots the same way).
CREATE TABLE environments (
  id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
  name               VARCHAR(100)  NOT NULL UNIQUE,
  url                VARCHAR(500)  NOT NULL UNIQUE,
  group_name         VARCHAR(100),
  tags               VARCHAR(1000),
  tls_fingerprint    VARCHAR(100),
  created_at         BIGINT        NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  status_message     VARCHAR(1000),
  last_seen          BIGINT,
  last_checked       BIGINT,
  docker_version     VARCHAR(64),
  agent_version      VARCHAR(64),
  hostname           VARCHAR(255),
  containers_running INTEGER,
  containers_total   INTEGER,
  images             INTEGER,
  cpus               INTEGER,
  memory_bytes       BIGINT
);
