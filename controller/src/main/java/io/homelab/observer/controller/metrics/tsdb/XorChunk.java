package io.homelab.observer.controller.metrics.tsdb;

/**
 * A series' samples compressed as in Facebook's Gorilla paper (and Prometheus's XOR chunks):
 * timestamps as delta-of-delta with variable-width buckets, values as the XOR with the previous
 * value storing only the meaningful bits. Regular 15 s scrapes of slowly moving values cost about
 * one to two bytes per sample. Append-only; samples must come in increasing time order.
 *
 * <p>Two formats, told apart by the block file's version (docs/metrics.md, "Store"). {@link
 * #FORMAT_GORILLA} (block version 1) has Prometheus's delta-of-delta buckets: 0 in 1 bit, then 14,
 * 17, 20 and 64 bits. {@link #FORMAT_SMALL_JITTER} (version 2, what is written now) replaces the
 * 17-bit bucket with a 7-bit one in front: a scrape that started a few ms off its schedule (which
 * on real data is most of the non-zero deltas-of-delta) costs 9 bits instead of 16, and it costs
 * two of them (late, then back on time).
 */
public final class XorChunk {

  /** Prometheus's buckets: what block files of version 1 hold. */
  static final int FORMAT_GORILLA = 1;

  /** With a 7-bit bucket for scrape jitter: what is written now. */
  static final int FORMAT_SMALL_JITTER = 2;

  /** The format new chunks are written in. */
  static final int FORMAT = FORMAT_SMALL_JITTER;

  private final BitBuffer bits;
  private final int format;
  private int count;
  private long firstT;
  private long lastT;
  private long lastDelta;
  private long lastValueBits;
  private int leading = -1;
  private int trailing;

  public XorChunk() {
    this(FORMAT);
  }

  /** A chunk in an older format: only tests write one, to prove old blocks stay readable. */
  XorChunk(int format) {
    if (format != FORMAT_GORILLA && format != FORMAT_SMALL_JITTER) {
      throw new IllegalArgumentException("unknown chunk format " + format);
    }
    this.format = format;
    bits = new BitBuffer(64);
  }

  int format() {
    return format;
  }

  public int count() {
    return count;
  }

  public long minTime() {
    return firstT;
  }

  public long maxTime() {
    return lastT;
  }

  /** Bytes used by the encoded samples. */
  public int sizeBytes() {
    return (int) ((bits.bitLength() + 7) >>> 3);
  }

  /** Bytes held in memory, including slack for further appends. */
  public int capacityBytes() {
    return bits.capacityBytes();
  }

  public void append(long t, double v) {
    long vb = Double.doubleToRawLongBits(v);
    if (count == 0) {
      bits.writeBits(t, 64);
      bits.writeBits(vb, 64);
      firstT = t;
    } else if (count == 1) {
      long delta = t - lastT;
      writeVarLong(delta);
      lastDelta = delta;
      writeValue(vb);
    } else {
      long delta = t - lastT;
      long dod = delta - lastDelta;
      if (dod == 0) {
        bits.writeBit(false);
      } else if (format == FORMAT_SMALL_JITTER) {
        writeDod(dod);
      } else if (dod >= -8191 && dod <= 8192) {
        bits.writeBits(0b10, 2);
        bits.writeBits(dod, 14);
      } else if (dod >= -65535 && dod <= 65536) {
        bits.writeBits(0b110, 3);
        bits.writeBits(dod, 17);
      } else if (dod >= -524287 && dod <= 524288) {
        bits.writeBits(0b1110, 4);
        bits.writeBits(dod, 20);
      } else {
        bits.writeBits(0b1111, 4);
        bits.writeBits(dod, 64);
      }
      lastDelta = delta;
      writeValue(vb);
    }
    lastT = t;
    lastValueBits = vb;
    count++;
  }

  /** Format 2's buckets for a non-zero delta-of-delta: 7, 14, 20 and 64 bits. */
  private void writeDod(long dod) {
    if (dod >= -63 && dod <= 64) {
      bits.writeBits(0b10, 2);
      bits.writeBits(dod, 7);
    } else if (dod >= -8191 && dod <= 8192) {
      bits.writeBits(0b110, 3);
      bits.writeBits(dod, 14);
    } else if (dod >= -524287 && dod <= 524288) {
      bits.writeBits(0b1110, 4);
      bits.writeBits(dod, 20);
    } else {
      bits.writeBits(0b1111, 4);
      bits.writeBits(dod, 64);
    }
  }

  private void writeVarLong(long delta) {
    // First delta: zig-zag in 14 bits if it fits (the usual case), else a full 64-bit word.
    long zz = (delta << 1) ^ (delta >> 63);
    if (zz < (1L << 14)) {
      bits.writeBit(false);
      bits.writeBits(zz, 14);
    } else {
      bits.writeBit(true);
      bits.writeBits(delta, 64);
    }
  }

  private void writeValue(long vb) {
    long xor = vb ^ lastValueBits;
    if (xor == 0) {
      bits.writeBit(false);
      return;
    }
    bits.writeBit(true);
    int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
    int trail = Long.numberOfTrailingZeros(xor);
    if (leading >= 0 && lead >= leading && trail >= trailing) {
      bits.writeBit(false);
      bits.writeBits(xor >>> trailing, 64 - leading - trailing);
    } else {
      leading = lead;
      trailing = trail;
      int sig = 64 - lead - trail;
      bits.writeBit(true);
      bits.writeBits(lead, 5);
      bits.writeBits(sig - 1, 6);
      bits.writeBits(xor >>> trail, sig);
    }
  }

  /** The encoded form, to be written to disk; {@link #decode} reads it back. */
  public byte[] bytes() {
    return bits.toBytes();
  }

  /**
   * Calls {@code sink} for every sample of an encoded chunk of {@code count} samples in the current
   * {@link #FORMAT}.
   */
  public static void decode(byte[] data, int count, SampleConsumer sink) {
    decode(data, count, FORMAT, sink);
  }

  /** Calls {@code sink} for every sample of an encoded chunk in the given format. */
  static void decode(byte[] data, int count, int format, SampleConsumer sink) {
    Decoder d = new Decoder(data, count, format);
    while (d.next()) {
      sink.accept(d.t, d.value());
    }
  }

  /**
   * Reads an encoded chunk one sample at a time, oldest first: the query path loops over it
   * directly (no call through {@link SampleConsumer} per sample) and stops once past its range.
   */
  static final class Decoder {
    private final BitBuffer.Reader r;
    private final int count;
    private final boolean smallJitter;
    private int read;
    private long delta;
    private int lead;
    private int trail;

    /** The current sample's time, after {@link #next} said there is one. */
    long t;

    private long vb;

    Decoder(byte[] data, int count, int format) {
      this.r = new BitBuffer.Reader(data);
      this.count = count;
      this.smallJitter = format == FORMAT_SMALL_JITTER;
    }

    /** The current sample's value. */
    double value() {
      return Double.longBitsToDouble(vb);
    }

    /** Moves to the next sample; false after the last. */
    boolean next() {
      if (read >= count) {
        return false;
      }
      if (read == 0) {
        t = r.readBits(64);
        vb = r.readBits(64);
      } else {
        if (read == 1) {
          if (!r.readBit()) {
            long zz = r.readBits(14);
            delta = (zz >>> 1) ^ -(zz & 1);
          } else {
            delta = r.readBits(64);
          }
        } else {
          long dod;
          if (!r.readBit()) {
            dod = 0;
          } else if (!r.readBit()) {
            dod = smallJitter ? signExtend(r.readBits(7), 7) : signExtend(r.readBits(14), 14);
          } else if (!r.readBit()) {
            dod = smallJitter ? signExtend(r.readBits(14), 14) : signExtend(r.readBits(17), 17);
          } else if (!r.readBit()) {
            dod = signExtend(r.readBits(20), 20);
          } else {
            dod = r.readBits(64);
          }
          delta += dod;
        }
        t += delta;
        if (r.readBit()) {
          if (r.readBit()) {
            lead = (int) r.readBits(5);
            int sig = (int) r.readBits(6) + 1;
            trail = 64 - lead - sig;
          }
          vb ^= r.readBits(64 - lead - trail) << trail;
        }
      }
      read++;
      return true;
    }
  }

  private static long signExtend(long v, int width) {
    // The ranges are asymmetric (Prometheus's): values above 2^(w-1) stand for negatives.
    if (v > (1L << (width - 1))) {
      return v - (1L << width);
    }
    return v;
  }

  /**
   * Copies an encoded chunk into an appendable one (the head reopens its last chunk after a
   * restart).
   */
  public static XorChunk reopen(byte[] data, int count) {
    XorChunk c = new XorChunk();
    decode(data, count, FORMAT, c::append);
    return c;
  }

  /** Receives decoded samples. */
  @FunctionalInterface
  public interface SampleConsumer {
    void accept(long t, double v);
  }
}
