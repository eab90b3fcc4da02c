package io.homelab.observer.agent.tls;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code homelab.agent.tls.enabled=true} into Quarkus's HTTPS settings: the API port serves
 * TLS only, with the operator's PEM files or a certificate generated in the data dir.
 *
 * <p>A config source rather than a start-up bean because Vert.x reads its TLS settings before any
 * bean runs. Its ordinal sits just above {@code application.properties}, so an operator's explicit
 * {@code QUARKUS_HTTP_SSL_*} environment variables still win.
 */
public class TlsConfigSourceFactory implements ConfigSourceFactory {

  static final int ORDINAL = 260;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    if (!Boolean.parseBoolean(value(context, "homelab.agent.tls.enabled", "false"))) {
      return List.of();
    }
    String certFile = value(context, "homelab.agent.tls.cert-file", null);
    String keyFile = value(context, "homelab.agent.tls.key-file", null);
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalStateException(
          "homelab.agent.tls.cert-file and homelab.agent.tls.key-file must be set together");
    }
    if (certFile == null) {
      Path dataDir =
          Path.of(value(context, "homelab.agent.data-dir", "./data/agent"))
              .toAbsolutePath()
              .normalize();
      try {
        AgentCertificate.ensureGenerated(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      certFile = AgentCertificate.generatedCert(dataDir).toString();
      keyFile = AgentCertificate.generatedKey(dataDir).toString();
    }
    Map<String, String> props = new HashMap<>();
    props.put("quarkus.http.ssl.certificate.files", certFile);
    props.put("quarkus.http.ssl.certificate.key-files", keyFile);
    // HTTPS on the API port itself (9001), and no plain-HTTP listener beside it.
    props.put("quarkus.http.ssl-port", value(context, "quarkus.http.port", "9001"));
    props.put("quarkus.http.insecure-requests", "disabled");
    return List.of(new PropertiesConfigSource(props, "homelab-agent-tls", ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }

  private static String value(ConfigSourceContext context, String name, String fallback) {
    ConfigValue v = context.getValue(name);
    return v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue();
  }
}
