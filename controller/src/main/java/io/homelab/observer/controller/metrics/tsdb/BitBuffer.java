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

  /** Reads bits back in the order they were written. */
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

    long readBits(int count) {
      long v = 0;
      for (int i = 0; i < count; i++) {
        v = (v << 1) | (readBit() ? 1 : 0);
      }
      return v;
    }
  }
}
