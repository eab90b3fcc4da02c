package io.homelab.observer.controller.metrics.tsdb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Write-ahead log of the head: every accepted batch is written (to the operating system) before the
 * append returns, so a kill -9 loses nothing; {@link #sync()} forces it to the disk every flush
 * interval, which bounds what a power cut loses. Records carry a length and a CRC so a torn last
 * record is detected and dropped on replay. Segments are deleted once a cut has written their
 * samples to a block.
 */
final class Wal implements AutoCloseable {

  private static final byte SERIES = 1;
  private static final byte SAMPLES = 2;

  private final Path dir;
  private long segment;
  private FileChannel channel;

  /** Series ids whose labels the current segment already holds. */
  private final BitSet written = new BitSet();

  Wal(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    long max = segments().stream().mapToLong(Wal::number).max().orElse(0);
    openSegment(max + 1);
  }

  /** One sample of a batch, by series id. */
  record Entry(HeadSeries series, long t, double v) {}

  void log(List<Entry> batch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + batch.size() * 20);
    DataOutputStream out = new DataOutputStream(bytes);
    for (Entry e : batch) {
      if (!written.get(e.series().id)) {
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        DataOutputStream r = new DataOutputStream(rec);
        r.writeInt(e.series().id);
        LabelsCodec.write(r, e.series().labels);
        frame(out, SERIES, rec.toByteArray());
        written.set(e.series().id);
      }
    }
    ByteBuffer samples = ByteBuffer.allocate(4 + batch.size() * 20);
    samples.putInt(batch.size());
    for (Entry e : batch) {
      samples.putInt(e.series().id).putLong(e.t()).putLong(Double.doubleToRawLongBits(e.v()));
    }
    frame(out, SAMPLES, samples.array());
    out.flush();
    ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  private static void frame(DataOutputStream out, byte type, byte[] payload) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(payload);
    out.writeInt(payload.length);
    out.writeInt((int) crc.getValue());
    out.writeByte(type);
    out.write(payload);
  }

  void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Starts a new segment; the older ones are returned for deletion after their samples are safe.
   */
  List<Path> rotate() throws IOException {
    List<Path> old = segments();
    channel.force(false);
    channel.close();
    openSegment(segment + 1);
    old.remove(current());
    return old;
  }

  private void openSegment(long n) throws IOException {
    segment = n;
    written.clear();
    channel =
        FileChannel.open(
            current(),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
  }

  private Path current() {
    return dir.resolve(String.format("%08d.wal", segment));
  }

  List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().endsWith(".wal")).sorted().toList());
    }
  }

  private static long number(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(0, n.indexOf('.')));
  }

  /** Receives replayed samples. */
  interface Replay {
    void sample(SortedMap<String, String> labels, long t, double v);
  }

  /**
   * Replays the segments written before this process started, oldest first; stops at a torn record.
   */
  static long replay(List<Path> segments, Replay sink) throws IOException {
    long n = 0;
    for (Path p : segments) {
      Map<Integer, SortedMap<String, String>> series = new HashMap<>();
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 16))) {
        while (true) {
          int len;
          try {
            len = in.readInt();
          } catch (EOFException end) {
            break;
          }
          byte[] payload;
          int crc;
          byte type;
          try {
            crc = in.readInt();
            type = in.readByte();
            if (len < 0 || len > (1 << 28)) {
              break;
            }
            payload = in.readNBytes(len);
          } catch (EOFException torn) {
            break;
          }
          CRC32 check = new CRC32();
          check.update(type);
          check.update(payload);
          if (payload.length != len || (int) check.getValue() != crc) {
            break; // torn write at the moment of the kill
          }
          DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(payload));
          if (type == SERIES) {
            int id = r.readInt();
            series.put(id, LabelsCodec.read(r));
          } else if (type == SAMPLES) {
            int count = r.readInt();
            for (int i = 0; i < count; i++) {
              SortedMap<String, String> labels = series.get(r.readInt());
              long t = r.readLong();
              double v = Double.longBitsToDouble(r.readLong());
              if (labels != null) {
                sink.sample(labels, t, v);
                n++;
              }
            }
          }
        }
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.force(false);
    channel.close();
  }
}
