package io.homelab.observer.agent.metrics;

import io.homelab.observer.agent.config.AgentConfig;
import java.time.Duration;

/** {@code homelab.agent.docker.*} time-outs for clients that tests build themselves. */
record DockerTimeouts(Duration connectTimeout, Duration responseTimeout, Duration pullTimeout)
    implements AgentConfig.Docker {}
