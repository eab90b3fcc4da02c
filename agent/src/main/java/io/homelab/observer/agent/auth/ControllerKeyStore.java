package io.homelab.observer.agent.auth;

import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.config.StartupChecks;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The one controller key the agent trusts, pinned in {@code <data-dir>/controller-key.pub} so that
 * it survives restarts (Portainer's agent pins in memory only, so every restart reopens a
 * first-come race). Deleting that file and restarting the agent unpairs it.
 */
@Singleton
public class ControllerKeyStore {

  /** File name of the pinned key under the data dir. */
  public static final String FILE = "controller-key.pub";

  private final Path file;
  private volatile PublicKey pinned;
  private volatile boolean configured;

  @Inject
  public ControllerKeyStore(AgentConfig config, StartupChecks startup) {
    this(startup.dataDir().resolve(FILE), config.controllerPublicKey(), config.pairing().reset());
  }

  /**
   * @param file where the pinned key is kept
   * @param fromConfig {@code homelab.agent.controller-public-key}: pinned (and persisted) when set
   * @param reset forget a persisted key (re-pairing)
   */
  ControllerKeyStore(Path file, Optional<String> fromConfig, boolean reset) {
    this.file = file;
    Optional<String> configuredKey = fromConfig.filter(s -> !s.isBlank());
    if (configuredKey.isPresent()) {
      try {
        pinned = Ed25519Keys.decodePublicKey(configuredKey.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(
            "homelab.agent.controller-public-key is not a base64 Ed25519 SubjectPublicKeyInfo: "
                + e.getMessage());
      }
      configured = true;
      persist(pinned);
    } else if (reset && Files.exists(file)) {
      try {
        Files.delete(file);
        Log.warnf("homelab.agent.pairing.reset: forgot the pinned controller key (%s)", file);
      } catch (IOException e) {
        throw new ConfigurationException(
            "cannot delete " + file + " for re-pairing: " + e.getMessage());
      }
    } else if (Files.exists(file)) {
      try {
        pinned = Ed25519Keys.decodePublicKey(Files.readString(file));
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigurationException(
            file
                + " does not hold a controller key ("
                + e.getMessage()
                + "); delete it to pair again");
      }
    }
  }

  /** The pinned key, if any. */
  public Optional<PublicKey> key() {
    return Optional.ofNullable(pinned);
  }

  /** True when the key came from {@code homelab.agent.controller-public-key}. */
  public boolean configured() {
    return configured;
  }

  /** Fingerprint of the pinned key, or null. */
  public String fingerprint() {
    PublicKey k = pinned;
    return k == null ? null : Ed25519Keys.fingerprint(k);
  }

  /**
   * Pins {@code key} unless one is pinned already.
   *
   * @return false when a key was pinned before (the caller answers 409)
   */
  public synchronized boolean pinOnce(PublicKey key) {
    if (pinned != null) {
      return false;
    }
    persist(key);
    pinned = key;
    return true;
  }

  private void persist(PublicKey key) {
    try {
      Ed25519Keys.writeAtomically(file, Ed25519Keys.encodePublicKey(key));
    } catch (IOException e) {
      // Without persistence a restart would unpair silently; refuse rather than pin in memory only.
      Log.errorf("cannot write %s: %s", file, e.getMessage());
      throw new IllegalStateException("cannot persist the controller key to " + file, e);
    }
  }
}
