package io.homelab.observer.controller.metrics.tsdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * An immutable file of compressed series for one time range: one XOR chunk per series. Only the
 * labels and chunk positions are held in memory; chunk bytes are read from the file per query, so
 * the store's memory does not grow with retention.
 *
 * <p>Layout: magic, version (the chunks' {@link XorChunk} format: 1 or 2), minT, maxT, resolution
 * (0 = raw, else the roll-up step in ms), series count, then per series its labels, sample count,
 * minT, maxT, byte length and the chunk bytes. Written to a temporary name and renamed, so a crash
 * never leaves half a block.
 */
final class Block implements AutoCloseable {

  private static final int MAGIC = 0x484c5442; // "HLTB"

  /** One series' chunk in a block. */
  record Entry(
      SortedMap<String, String> labels, int count, long minT, long maxT, long offset, int length) {}

  /** One series' chunk to write. */
  record Input(SortedMap<String, String> labels, XorChunk chunk) {}

  final Path path;
  final long minT;
  final long maxT;
  final long resolutionMillis;
  final List<Entry> entries;

  /** How this block's chunks are encoded: the file's version. */
  final int chunkFormat;

  private final FileChannel channel;

  private Block(
      Path path,
      long minT,
      long maxT,
      long resolution,
      List<Entry> entries,
      int chunkFormat,
      FileChannel ch) {
    this.path = path;
    this.chunkFormat = chunkFormat;
    this.minT = minT;
    this.maxT = maxT;
    this.resolutionMillis = resolution;
    this.entries = entries;
    this.channel = ch;
  }

  static Block write(Path dir, String prefix, long resolution, List<Input> series)
      throws IOException {
    long minT = Long.MAX_VALUE;
    long maxT = Long.MIN_VALUE;
    int format = series.isEmpty() ? XorChunk.FORMAT : series.get(0).chunk().format();
    for (Input in : series) {
      if (in.chunk().format() != format) {
        throw new IllegalArgumentException("chunks of one block must share a format");
      }
      if (in.chunk().count() > 0) {
        minT = Math.min(minT, in.chunk().minTime());
        maxT = Math.max(maxT, in.chunk().maxTime());
      }
    }
    Path target = dir.resolve(prefix + "-" + minT + "-" + maxT + ".blk");
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(format);
      out.writeLong(minT);
      out.writeLong(maxT);
      out.writeLong(resolution);
      int n = 0;
      for (Input in : series) {
        n += in.chunk().count() > 0 ? 1 : 0;
      }
      out.writeInt(n);
      for (Input in : series) {
        XorChunk c = in.chunk();
        if (c.count() == 0) {
          continue;
        }
        byte[] data = c.bytes();
        LabelsCodec.write(out, in.labels());
        out.writeInt(c.count());
        out.writeLong(c.minTime());
        out.writeLong(c.maxTime());
        out.writeInt(data.length);
        out.write(data);
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return open(target);
  }

  static Block open(Path path) throws IOException {
    List<Entry> entries = new ArrayList<>();
    long minT;
    long maxT;
    long resolution;
    int version;
    try (CountingInput counting = new CountingInput(Files.newInputStream(path));
        DataInputStream in = new DataInputStream(counting)) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a metrics block: " + path);
      }
      version = in.readInt();
      if (version != XorChunk.FORMAT_GORILLA && version != XorChunk.FORMAT_SMALL_JITTER) {
        throw new IOException("metrics block of unknown version " + version + ": " + path);
      }
      minT = in.readLong();
      maxT = in.readLong();
      resolution = in.readLong();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        SortedMap<String, String> labels = LabelsCodec.read(in);
        int count = in.readInt();
        long cmin = in.readLong();
        long cmax = in.readLong();
        int len = in.readInt();
        long offset = counting.position();
        in.skipNBytes(len);
        entries.add(new Entry(labels, count, cmin, cmax, offset, len));
      }
    }
    return new Block(
        path,
        minT,
        maxT,
        resolution,
        entries,
        version,
        FileChannel.open(path, StandardOpenOption.READ));
  }

  /** Calls {@code sink} for every sample of one of this block's chunks. */
  void decode(Entry e, XorChunk.SampleConsumer sink) throws IOException {
    XorChunk.decode(read(e), e.count(), chunkFormat, sink);
  }

  byte[] read(Entry e) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(e.length());
    long pos = e.offset();
    while (buf.hasRemaining()) {
      int r = channel.read(buf, pos);
      if (r < 0) {
        throw new IOException("truncated block " + path);
      }
      pos += r;
    }
    return buf.array();
  }

  long sizeBytes() throws IOException {
    return channel.size();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Counts bytes consumed so that chunk offsets are known while reading sequentially. */
  private static final class CountingInput extends BufferedInputStream {
    private long consumed;

    CountingInput(InputStream in) {
      super(in, 1 << 16);
    }

    long position() {
      return consumed;
    }

    @Override
    public synchronized int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        consumed++;
      }
      return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        consumed += r;
      }
      return r;
    }

    @Override
    public synchronized long skip(long n) throws IOException {
      long s = super.skip(n);
      consumed += s;
      return s;
    }
  }
}
