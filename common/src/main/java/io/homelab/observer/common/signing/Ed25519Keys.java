package io.homelab.observer.common.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 key handling with the JDK's own provider: generation, the SPEC's base64 SPKI encoding,
 * key files and fingerprints.
 *
 * <p>Key files hold base64 text (PKCS#8 for the private key, X.509 SPKI for the public key) on one
 * line, so they can be inspected and copied with ordinary tools.
 */
public final class Ed25519Keys {

  /** JCA algorithm name, available since JDK 15. */
  public static final String ALGORITHM = "Ed25519";

  private Ed25519Keys() {}

  /** A fresh key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519 provider", e);
    }
  }

  /** Base64 of the X.509 SubjectPublicKeyInfo DER, as {@code GET /api/public-key} shows it. */
  public static String encodePublicKey(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * Parses a base64 SPKI Ed25519 public key.
   *
   * @throws IllegalArgumentException with a one-line reason when the text is not such a key
   */
  public static PublicKey decodePublicKey(String base64Spki) {
    if (base64Spki == null || base64Spki.isBlank()) {
      throw new IllegalArgumentException("public key is empty");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64Spki.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key is not base64");
    }
    try {
      PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
      if (!ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
        throw new IllegalArgumentException("public key is not an Ed25519 key");
      }
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("public key is not an Ed25519 SubjectPublicKeyInfo");
    }
  }

  /** Parses a base64 PKCS#8 Ed25519 private key. */
  public static PrivateKey decodePrivateKey(String base64Pkcs8) {
    try {
      byte[] der = Base64.getDecoder().decode(base64Pkcs8.strip());
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("private key is not a base64 PKCS#8 Ed25519 key");
    }
  }

  /** Base64 of the PKCS#8 DER of {@code key}. */
  public static String encodePrivateKey(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * Lower-case hex SHA-256 of the SPKI DER: short, stable name of a key for audit lines and logs.
   */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Loads the key pair stored as {@code private.key}/{@code public.key} in {@code dir}, or creates
   * it (private key mode 0600 where the file system supports POSIX modes).
   */
  public static KeyPair loadOrCreate(Path dir) throws IOException {
    Path priv = dir.resolve("private.key");
    Path pub = dir.resolve("public.key");
    if (Files.exists(priv) && Files.exists(pub)) {
      return new KeyPair(
          decodePublicKey(Files.readString(pub)), decodePrivateKey(Files.readString(priv)));
    }
    Files.createDirectories(dir);
    KeyPair pair = generate();
    writeSecret(priv, encodePrivateKey(pair.getPrivate()));
    writeAtomically(pub, encodePublicKey(pair.getPublic()));
    return pair;
  }

  /** Writes {@code text} readable by the owner only; the file appears complete or not at all. */
  public static void writeSecret(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, text + "\n");
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes {@code text} to {@code file} through a temporary file and an atomic rename. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text + "\n");
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
