package io.homelab.observer.controller.keys;

import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.controller.config.StartupChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The controller's Ed25519 key pair (SPEC.md "Agent API": keys), created on first start in the data
 * dir.
 *
 * <p>Files: {@code <data-dir>/keys/private.key} (base64 PKCS#8, 0600) and {@code public.key}
 * (base64 X.509 SPKI), written by {@link Ed25519Keys}. Agents pin the public key, so losing the
 * private key means re-pairing every agent: it is never regenerated over an existing but unreadable
 * file; start-up stops with a clear line instead.
 */
@Startup(20)
@Singleton
public class ControllerKeys {

  /**
   * Sub-directory of the data dir with {@code private.key} (0600) and {@code public.key}, see
   * {@link Ed25519Keys}.
   */
  static final String KEY_DIR = "keys";

  private final StartupChecks startup;
  private KeyPair keyPair;
  private RequestSigner signer;

  public ControllerKeys(StartupChecks startup) {
    this.startup = startup;
  }

  @PostConstruct
  void load() {
    try {
      keyPair = loadOrCreate(startup.dataDir());
      signer = new RequestSigner(keyPair.getPrivate());
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "controller key pair in "
              + startup.dataDir().resolve(KEY_DIR)
              + " is unusable: "
              + e.getMessage()
              + " (restore it from a backup, or delete the directory and re-pair"
              + " every agent)");
    }
  }

  /**
   * Loads the pair from {@code dir}, creating it when neither file exists. One file without the
   * other is refused: regenerating would silently orphan every agent that pinned the old key.
   */
  public static KeyPair loadOrCreate(Path dir) throws IOException {
    Path keys = dir.resolve(KEY_DIR);
    boolean priv = Files.exists(keys.resolve("private.key"));
    boolean pub = Files.exists(keys.resolve("public.key"));
    if (priv != pub) {
      throw new IOException("only one of private.key and public.key exists in " + keys);
    }
    if (!priv) {
      Log.infof("Creating the controller key pair in %s", keys);
    }
    return Ed25519Keys.loadOrCreate(keys);
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  /** Base64 of the X.509 SubjectPublicKeyInfo DER, the form agents pin. */
  public String publicKeyBase64() {
    return Ed25519Keys.encodePublicKey(keyPair.getPublic());
  }

  /** SHA-256 hex of the public key's SPKI, as agents report the key they pinned. */
  public String fingerprint() {
    return Ed25519Keys.fingerprint(keyPair.getPublic());
  }

  /** A signer for agent requests (thread-safe, shared). */
  public RequestSigner signer() {
    return signer;
  }
}
