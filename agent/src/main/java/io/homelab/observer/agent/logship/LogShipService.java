package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerClientProducer;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.agent.identity.AgentIdentity;
import io.homelab.observer.agent.metrics.OwnMetrics;
import io.homelab.observer.exporter.model.MetricFamily;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts a {@link LogShipper} at agent start when {@code homelab.agent.logs-url} is set, and stops
 * it (writing what was read to the buffer) at shutdown. {@code @Startup} so that a bad URL or mode
 * stops the start with one line naming the key.
 */
@Startup
@ApplicationScoped
public class LogShipService implements OwnMetrics {

  /** Follow streams the shipper may hold open to dockerd at once, one per container. */
  static final int MAX_FOLLOWED = 512;

  private final LogShipper shipper;

  public LogShipService(
      AgentConfig config, EngineApi engine, AgentIdentity identity, ObjectMapper json) {
    Optional<String> url = config.logsUrl().filter(u -> !u.isBlank());
    if (url.isEmpty()) {
      shipper = null;
      Log.debug("log shipping off (homelab.agent.logs-url is not set)");
      return;
    }
    AgentConfig.Logs logs = config.logs();
    boolean optIn =
        switch (logs.mode()) {
          case "all" -> false;
          case "opt-in" -> true;
          default ->
              throw new ConfigurationException(
                  "homelab.agent.logs.mode must be all or opt-in, not '" + logs.mode() + "'");
        };
    String token = config.logsToken().filter(t -> !t.isBlank()).orElse(null);
    if (token == null) {
      Log.warn("log shipping: homelab.agent.logs-token is not set; the server will refuse batches");
    }
    var settings =
        new LogShipper.Settings(
            baseUrl(url.get()),
            token,
            logs.host().filter(h -> !h.isBlank()).orElseGet(() -> hostname(config.hostRoot())),
            identity.id(),
            optIn,
            logs.batchSize(),
            logs.batchBytes().asLongValue(),
            logs.flushInterval(),
            logs.bufferMaxBytes().asLongValue(),
            logs.requestTimeout(),
            logs.maxBackoff(),
            config.dataDir().resolve("logs"),
            List.of());
    try {
      shipper =
          new LogShipper(
              settings,
              engine::readOrNull,
              DockerClientProducer.streamingHttpClient(
                  config.dockerHost(), config.docker(), MAX_FOLLOWED),
              json);
    } catch (IOException e) {
      throw new UncheckedIOException("log shipping: cannot open " + settings.dir(), e);
    }
    shipper.start();
  }

  static URI baseUrl(String url) {
    try {
      URI u = new URI(url.strip());
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new URISyntaxException(url, "not an http:// or https:// URL with a host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigurationException("homelab.agent.logs-url: " + e.getMessage());
    }
  }

  /**
   * The host's name: {@code <host-root>/etc/hostname} (the host's own when the agent runs in a
   * container with {@code /} mounted at {@code /host}), else what the JVM resolves.
   */
  static String hostname(Path hostRoot) {
    try {
      Path file = hostRoot.resolve("etc/hostname");
      if (Files.isReadable(file)) {
        String name = Files.readString(file).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Shipping metrics; none while shipping is off. */
  @Override
  public List<MetricFamily> collect() {
    return shipper == null ? List.of() : shipper.metrics();
  }

  @PreDestroy
  void stop() {
    if (shipper != null) {
      shipper.close();
    }
  }
}
