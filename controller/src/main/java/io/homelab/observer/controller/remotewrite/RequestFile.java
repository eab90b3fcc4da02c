package io.homelab.observer.controller.remotewrite;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One queued request as stored on disk: the number of samples it carries (for the sent and dropped
 * counters) followed by the compressed body exactly as it will be POSTed.
 */
record RequestFile(int samples, byte[] body) {

  static byte[] wrap(int samples, byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(samples).put(body).array();
  }

  static RequestFile unwrap(byte[] file) {
    if (file.length < 4) {
      throw new IllegalArgumentException("queued request too short (" + file.length + " bytes)");
    }
    int samples = ByteBuffer.wrap(file, 0, 4).getInt();
    return new RequestFile(samples, Arrays.copyOfRange(file, 4, file.length));
  }
}
