package io.homelab.observer.exporter.scrape;

import java.io.IOException;

/**
 * The hardware or kernel feature a collector reads is absent (node_exporter's {@code ErrNoData}):
 * logged at debug level, the collector reports success 0, and the scrape goes on.
 */
public class NoDataException extends IOException {

  public NoDataException(String message) {
    super(message);
  }
}
