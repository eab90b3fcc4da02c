package io.homelab.observer.controller.keys;

import io.homelab.observer.controller.config.StartupChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The controller's Ed25519 key pair (SPEC.md "Agent API": keys), created on first start in the data dir.
 *
 * <p>Files: {@code controller-ed25519.key} (PKCS#8 PEM, 0600) and {@code controller-ed25519.pub} (X.509 SPKI PEM).
 * Agents pin the public key, so losing the private key means re-pairing every agent: it is never regenerated over an
 * existing but unreadable file; start-up stops with a clear line instead.
 */
@Startup(20)
@Singleton
public class ControllerKeys {

  static final String PRIVATE_FILE = "controller-ed25519.key";
  static final String PUBLIC_FILE = "controller-ed25519.pub";

  private final StartupChecks startup;
  private KeyPair keyPair;

  public ControllerKeys(StartupChecks startup) {
    this.startup = startup;
  }

  @PostConstruct
  void load() {
    try {
      keyPair = loadOrCreate(startup.dataDir());
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigurationException("controller key pair in " + startup.dataDir() + " is unusable: "
          + e.getMessage() + " (restore it from a backup, or delete both " + PRIVATE_FILE + " and " + PUBLIC_FILE
          + " and re-pair every agent)");
    }
  }

  /** Loads the pair from {@code dir}, creating it when neither file exists. */
  public static KeyPair loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
    Path priv = dir.resolve(PRIVATE_FILE);
    Path pub = dir.resolve(PUBLIC_FILE);
    if (!Files.exists(priv) && !Files.exists(pub)) {
      KeyPair created = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      writePem(pub, "PUBLIC KEY", created.getPublic().getEncoded(), "rw-r--r--");
      writePem(priv, "PRIVATE KEY", created.getPrivate().getEncoded(), "rw-------");
      Log.infof("Created the controller key pair in %s", dir);
      return created;
    }
    KeyFactory kf = KeyFactory.getInstance("Ed25519");
    PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(readPem(priv, "PRIVATE KEY")));
    PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(readPem(pub, "PUBLIC KEY")));
    return new KeyPair(publicKey, privateKey);
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  /** Base64 of the X.509 SubjectPublicKeyInfo DER, the form agents pin. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
  }

  private static void writePem(Path file, String type, byte[] der, String perms) throws IOException {
    String pem = "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
    try {
      Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] readPem(Path file, String type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file.getFileName() + " is missing");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IOException(file.getFileName() + " is not a PEM " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }
}
