package io.homelab.observer.tracking.logs.store;

import java.util.Map;

/** One (host, service, labels) combination; its entries carry only {@link #id}. */
public record LogStream(long id, String host, String service, Map<String, String> labels) {

  public LogStream {
    labels = Map.copyOf(labels);
  }
}
