package io.homelab.observer.controller.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code
 * $argon2id$v=19$m=..,t=..,p=..$salt$hash}).
 *
 * <p>Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane). Each hash holds 19
 * MiB of heap for ~50 ms, so at most two run at once: a burst of logins queues instead of
 * exhausting a 128 MiB heap, and the queue slows brute force further.
 */
public final class PasswordHasher {

  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Semaphore SLOTS = new Semaphore(2, true);

  private PasswordHasher() {}

  /** A fresh salted hash of {@code password}. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return encode(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
  }

  /**
   * A well-formed hash with today's parameters that no password matches: random salt and random
   * output. Checking a password against it costs exactly what checking a real hash costs, which is
   * all a decoy for unknown users needs; unlike hashing a random password it takes no Argon2 run
   * (half a second of CPU at start-up).
   */
  public static String decoy() {
    byte[] salt = new byte[SALT_BYTES];
    byte[] out = new byte[HASH_BYTES];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(out);
    return encode(salt, out);
  }

  private static String encode(byte[] salt, byte[] out) {
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /**
   * True when {@code password} matches {@code encoded}; false for any malformed hash. Constant-time
   * compare.
   */
  public static boolean matches(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        String[] pair = kv.split("=", 2);
        int v = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      // Refuse absurd parameters from a tampered row instead of allocating gigabytes.
      if (m < 8 || m > 1024 * 1024 || t < 1 || t > 16 || p < 1 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  private static byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    SLOTS.acquireUninterruptibly();
    try {
      generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    } finally {
      SLOTS.release();
    }
    return out;
  }
}
