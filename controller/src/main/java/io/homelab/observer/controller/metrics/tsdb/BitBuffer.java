package io.homelab.observer.controller.metrics.tsdb;

import java.util.Arrays;

/** A growable bit stream, most significant bit first, as Gorilla's encoding writes it. */
final class BitBuffer {

  private byte[] bytes;
  private long bitLength;

  BitBuffer(int initialBytes) {
    bytes = new byte[Math.max(8, initialBytes)];
  }

  void writeBit(boolean bit) {
    ensure(bitLength + 1);
    if (bit) {
      bytes[(int) (bitLength >>> 3)] |= (byte) (0x80 >>> (bitLength & 7));
    }
    bitLength++;
  }

  /** Writes the low {@code count} bits of {@code value}, high bit first. */
  void writeBits(long value, int count) {
    ensure(bitLength + count);
    for (int i = count - 1; i >= 0; i--) {
      if (((value >>> i) & 1L) != 0) {
        bytes[(int) (bitLength >>> 3)] |= (byte) (0x80 >>> (bitLength & 7));
      }
      bitLength++;
    }
  }

  long bitLength() {
    return bitLength;
  }

  /** The bytes holding the bits written so far (a copy, trimmed). */
  byte[] toBytes() {
    return Arrays.copyOf(bytes, (int) ((bitLength + 7) >>> 3));
  }

  int capacityBytes() {
    return bytes.length;
  }

  private void ensure(long bits) {
    long need = (bits + 7) >>> 3;
    if (need > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.max(need, bytes.length + (bytes.length >> 1)));
    }
  }

  /**
   * Reads bits back in the order they were written. The next bits wait left-aligned in a 64-bit
   * register refilled up to 8 bytes at a time, so a field of up to 56 bits costs two shifts rather
   * than a loop over its bits: decoding is much of a long range query's cost.
   */
  static final class Reader {
    private final byte[] bytes;
    private int next;
    private long window;
    private int available;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean readBit() {
      return readBits(1) != 0;
    }

    /** The next {@code count} (0 to 64) bits as the low bits of the result; zeros past the end. */
    long readBits(int count) {
      if (count > 56) {
        long high = readBits(count - 32);
        return (high << 32) | readBits(32);
      }
      if (count == 0) {
        return 0;
      }
      if (available < count) {
        refill();
      }
      long v = window >>> (64 - count);
      window <<= count;
      available -= count;
      return v;
    }

    private void refill() {
      byte[] b = bytes;
      int at = next;
      if (at + 8 <= b.length) {
        // The next 8 bytes under the bits still waiting. A byte that only partly fits is merged
        // again, whole, by the next refill: the same bits in the same place, so OR keeps them.
        long word =
            ((long) b[at] << 56)
                | ((long) (b[at + 1] & 0xff) << 48)
                | ((long) (b[at + 2] & 0xff) << 40)
                | ((long) (b[at + 3] & 0xff) << 32)
                | ((long) (b[at + 4] & 0xff) << 24)
                | ((long) (b[at + 5] & 0xff) << 16)
                | ((long) (b[at + 6] & 0xff) << 8)
                | (long) (b[at + 7] & 0xff);
        window |= word >>> available;
        int whole = (64 - available) >>> 3;
        next = at + whole;
        available += whole << 3;
        return;
      }
      while (available <= 56 && next < b.length) {
        window |= (long) (b[next++] & 0xff) << (56 - available);
        available += 8;
      }
      if (available < 56) {
        available = 64; // past the end: what is left of the window, then zeros
      }
    }
  }
}
