-- The agent's stable random id (its GET /api/ping agentId), the sixth line of every request signed
-- for it, so a request captured on its way to one agent is refused by every other agent pinned to
-- the same controller key. NULL only for rows added before V030: learned at the next status check.
ALTER TABLE environments ADD COLUMN agent_id VARCHAR(64);
