package io.homelab.observer.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.agent.config.StartupChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Append-only audit file {@code <data-dir>/audit.log}: one JSON object per line for every
 * state-changing call (who = key fingerprint, what, target, result). The file is only ever opened
 * with {@code APPEND}; rotation is left to the operator's logrotate ({@code copytruncate}).
 */
@Singleton
public class AuditLog {

  /** File name under the data dir. */
  public static final String FILE = "audit.log";

  /** One audit line; Jackson writes it, so a native image needs its reflection data. */
  @RegisterForReflection
  public record Entry(
      Instant time,
      String who,
      String method,
      String path,
      String action,
      String target,
      int status,
      String result) {}

  private final Path file;
  private final ObjectMapper json;
  private FileChannel channel;

  public AuditLog(StartupChecks startup, ObjectMapper json) {
    this.file = startup.dataDir().resolve(FILE);
    this.json = json;
  }

  /** Appends one entry; a failure to write is logged loudly but never fails the call it records. */
  public synchronized void append(Entry entry) {
    try {
      if (channel == null || !channel.isOpen()) {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (JsonProcessingException e) {
      Log.errorf("cannot encode audit entry: %s", e.getMessage());
    } catch (IOException e) {
      Log.errorf("cannot append to audit file %s: %s", file, e.getMessage());
      channel = null;
    }
  }

  /** The audit file's path. */
  public Path file() {
    return file;
  }
}
