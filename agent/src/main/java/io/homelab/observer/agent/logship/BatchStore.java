package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk buffer under {@code <data-dir>/logs/}: one file per batch not yet accepted by the
 * server ({@code buffer/<sequence>.batch}, the exact body to POST after a line of {@link
 * BatchMeta}), and {@code state.json}. A batch is written (and fsynced) before it is sent, so every
 * retry, also after a restart, sends the same bytes under the same {@code batch_id}.
 *
 * <p>Bounded: when the files pass the cap, the oldest batch not being sent is deleted and its lines
 * counted as dropped. All methods are synchronized; the batcher writes and the sender reads.
 */
final class BatchStore {

  static final String STATE = "state.json";
  static final String SUFFIX = ".batch";

  /** A batch as read back for sending. */
  record Pending(long sequence, byte[] body, int entries) {}

  private record Stored(Path file, long bytes, int entries) {}

  private final Path dir;
  private final Path buffer;
  private final ObjectMapper json;
  private final long maxBytes;
  private final TreeMap<Long, Stored> batches = new TreeMap<>();
  private final Map<String, Cursor> cursors = new HashMap<>();
  private final long floorNanos;
  private long nextSequence;
  private long bytes;
  private long inFlight = -1;

  /**
   * Opens (or creates) the buffer in {@code dir}; {@code nowNanos} becomes the floor when shipping
   * is switched on for the first time. Cursors recorded in left-over batch files are merged in.
   */
  BatchStore(Path dir, ObjectMapper json, long maxBytes, long nowNanos) throws IOException {
    this.dir = dir;
    this.buffer = dir.resolve("buffer");
    this.json = json;
    this.maxBytes = maxBytes;
    Files.createDirectories(buffer);
    Path state = dir.resolve(STATE);
    ShipState saved =
        Files.exists(state)
            ? json.readValue(state.toFile(), ShipState.class)
            : new ShipState(1, nowNanos, Map.of());
    floorNanos = saved.floorNanos();
    nextSequence = saved.nextSequence();
    cursors.putAll(saved.cursors());
    try (DirectoryStream<Path> files = Files.newDirectoryStream(buffer)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
          Files.deleteIfExists(f); // a write cut short by a crash; its lines are read again
          continue;
        }
        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        byte[] raw = Files.readAllBytes(f);
        BatchMeta meta = json.readValue(raw, 0, newline(raw), BatchMeta.class);
        meta.cursors().forEach((id, c) -> cursors.merge(id, c, Cursor::max));
        batches.put(seq, new Stored(f, raw.length, meta.entries()));
        bytes += raw.length;
        nextSequence = Math.max(nextSequence, seq + 1);
      }
    }
    if (!batches.isEmpty()) {
      Log.infof("log shipping: %d batches (%d bytes) waiting in %s", batches.size(), bytes, buffer);
    }
  }

  long floorNanos() {
    return floorNanos;
  }

  synchronized Map<String, Cursor> cursors() {
    return Map.copyOf(cursors);
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int batches() {
    return batches.size();
  }

  /**
   * Writes a batch of {@code entries} (none: only cursor changes) with the cursors it moves, then
   * {@code state.json}. Returns the number of lines dropped to stay under the cap.
   */
  synchronized int append(
      String agentId, List<LogEntry> entries, Map<String, Cursor> moved, List<String> removed)
      throws IOException {
    moved.forEach((id, c) -> cursors.merge(id, c, Cursor::max));
    removed.forEach(cursors::remove);
    int dropped = 0;
    if (!entries.isEmpty()) {
      long seq = nextSequence++;
      byte[] meta = json.writeValueAsBytes(new BatchMeta(entries.size(), moved, removed));
      byte[] body = json.writeValueAsBytes(new LogBatch(agentId + "-" + seq, entries));
      byte[] raw = Arrays.copyOf(meta, meta.length + 1 + body.length);
      raw[meta.length] = '\n';
      System.arraycopy(body, 0, raw, meta.length + 1, body.length);
      Path file = buffer.resolve(String.format("%020d%s", seq, SUFFIX));
      writeDurably(file, raw);
      batches.put(seq, new Stored(file, raw.length, entries.size()));
      bytes += raw.length;
      dropped = enforceCap();
    }
    writeDurably(
        dir.resolve(STATE),
        json.writeValueAsBytes(new ShipState(nextSequence, floorNanos, cursors)));
    return dropped;
  }

  private int enforceCap() throws IOException {
    int dropped = 0;
    while (bytes > maxBytes && batches.size() > 1) {
      Long oldest = batches.firstKey();
      if (oldest == inFlight) {
        oldest = batches.higherKey(oldest);
      }
      Stored s = batches.remove(oldest);
      Files.deleteIfExists(s.file());
      bytes -= s.bytes();
      dropped += s.entries();
    }
    return dropped;
  }

  /** The oldest batch, now marked as being sent (the cap then spares it); null when none. */
  synchronized Pending oldest() {
    if (batches.isEmpty()) {
      return null;
    }
    var e = batches.firstEntry();
    try {
      byte[] raw = Files.readAllBytes(e.getValue().file());
      int nl = newline(raw);
      inFlight = e.getKey();
      return new Pending(
          e.getKey(), Arrays.copyOfRange(raw, nl + 1, raw.length), e.getValue().entries());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The server took the batch (or refused it for good): it leaves the buffer. */
  synchronized void remove(long sequence) throws IOException {
    Stored s = batches.remove(sequence);
    if (s != null) {
      Files.deleteIfExists(s.file());
      bytes -= s.bytes();
    }
    inFlight = -1;
  }

  /** Sending failed; the batch stays and may be dropped by the cap again. */
  synchronized void release() {
    inFlight = -1;
  }

  private static int newline(byte[] raw) throws IOException {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        return i;
      }
    }
    throw new IOException("buffered batch without its meta line");
  }

  /** Temp file, fsync, rename: a reader sees the old or the new content, never a part. */
  private static void writeDurably(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
