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
   * Reads bits back in the order they were written, a 64-bit word at a time rather than bit by bit:
   * decoding is most of a long range query's cost.
   */
  static final class Reader {
    private final byte[] bytes;
    private long pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean readBit() {
      boolean bit = (bytes[(int) (pos >>> 3)] & (0x80 >>> (pos & 7))) != 0;
      pos++;
      return bit;
    }

    /** The next {@code count} (0 to 64) bits as the low bits of the result. */
    long readBits(int count) {
      if (count == 0) {
        return 0;
      }
      if (count > 56) {
        long high = readBits(count - 32);
        return (high << 32) | readBits(32);
      }
      int at = (int) (pos >>> 3);
      int shift = (int) (pos & 7);
      // The 8 bytes from the current one, left-aligned: at most 7 bits of the first are already
      // read, so the 56 wanted bits at most are all in this word.
      long word = word(at) << shift;
      pos += count;
      return word >>> (64 - count);
    }

    /** Eight bytes from {@code at}, big-endian; bytes past the end read as zero. */
    private long word(int at) {
      byte[] b = bytes;
      if (at + 8 <= b.length) {
        return ((long) b[at] << 56)
            | ((long) (b[at + 1] & 0xff) << 48)
            | ((long) (b[at + 2] & 0xff) << 40)
            | ((long) (b[at + 3] & 0xff) << 32)
            | ((long) (b[at + 4] & 0xff) << 24)
            | ((long) (b[at + 5] & 0xff) << 16)
            | ((long) (b[at + 6] & 0xff) << 8)
            | (long) (b[at + 7] & 0xff);
      }
      long w = 0;
      for (int i = 0; i < 8; i++) {
        w = (w << 8) | (at + i < b.length ? b[at + i] & 0xff : 0);
      }
      return w;
    }
  }
}
