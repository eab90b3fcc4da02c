-- Where the controller scrapes an environment's metrics when not http://<agent host>:9100/metrics
-- (an agent behind a port mapping, or a test agent on a random port). NULL = derived.
ALTER TABLE environments ADD COLUMN metrics_url VARCHAR(500);
