package io.homelab.observer.agent.identity;

import io.homelab.observer.agent.config.AgentConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The agent's stable random id (SPEC.md "Agent API": {@code AGENT_ID}), kept in {@code
 * <data-dir>/agent-id}: made once on first use, then read back at every start, so it survives
 * restarts and changes only with the data dir. Log batches are named after it.
 */
@Singleton
public class AgentIdentity {

  /** File name in the data dir. */
  public static final String FILE = "agent-id";

  /** 16 random bytes as lower-case hex: unguessable, and safe in a file name or a batch id. */
  static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

  private final String id;

  public AgentIdentity(AgentConfig config) {
    this.id = load(config.dataDir());
  }

  /** The id. */
  public String id() {
    return id;
  }

  /**
   * Reads the id from {@code dataDir}, creating it when absent. Two agents started on one data dir
   * at once still agree: the file is created as a hard link, which never replaces, and the loser
   * reads the winner's id.
   */
  public static String load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
        Files.writeString(tmp, HexFormat.of().formatHex(raw) + "\n", StandardCharsets.UTF_8);
        try {
          // link(2) fails when the name exists (rename(2) would replace it), so a complete file
          // appears at once and nobody's id is overwritten.
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
          // Another start won; read its id below.
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!FORMAT.matcher(stored).matches()) {
        // A hand-edited or truncated file: refuse rather than sign or name batches with it.
        throw new IllegalStateException(
            file + " does not hold an agent id (32 hex digits); remove it to make a new one");
      }
      return stored;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
