package io.homelab.observer.agent.tls;

import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.config.StartupChecks;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether 9001 speaks TLS, and the SHA-256 fingerprint of its certificate for the controller to
 * pin.
 */
@Singleton
public class TlsIdentity {

  private final boolean enabled;
  private final String fingerprint;

  private TlsIdentity() {
    this.enabled = false;
    this.fingerprint = null;
  }

  /** Identity of an agent without TLS; for unit tests. */
  public static TlsIdentity disabled() {
    return new TlsIdentity();
  }

  @Inject
  public TlsIdentity(AgentConfig config, StartupChecks startup) {
    this.enabled = config.tls().enabled();
    if (!enabled) {
      fingerprint = null;
      return;
    }
    Path cert = config.tls().certFile().orElse(AgentCertificate.generatedCert(startup.dataDir()));
    try {
      fingerprint = AgentCertificate.fingerprint(cert);
    } catch (IOException e) {
      throw new ConfigurationException(
          "TLS certificate " + cert + " cannot be read: " + e.getMessage());
    }
  }

  public boolean enabled() {
    return enabled;
  }

  /** Lower-case hex SHA-256 of the certificate DER; empty without TLS. */
  public Optional<String> fingerprint() {
    return Optional.ofNullable(fingerprint);
  }
}
