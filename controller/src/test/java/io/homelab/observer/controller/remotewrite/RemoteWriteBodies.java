package io.homelab.observer.controller.remotewrite;

import io.homelab.observer.controller.metrics.Sample;
import java.util.List;

/** The controller's own remote-write encoding, for benchmarks that fill a real Prometheus. */
public final class RemoteWriteBodies {

  private RemoteWriteBodies() {}

  /** A snappy-compressed {@code WriteRequest}; samples of a series must be in time order. */
  public static byte[] of(List<Sample> samples) {
    return WriteRequestEncoder.encode(samples);
  }
}
