package io.homelab.observer.controller.metrics.scrape;

import java.util.SortedMap;

/**
 * One scrape target: its URL and the labels every sample from it gets ({@code job}, {@code
 * instance}, and {@code environment} for an agent).
 */
public record ScrapeTarget(String url, SortedMap<String, String> labels) {

  public String job() {
    return labels.get("job");
  }

  public String instance() {
    return labels.get("instance");
  }
}
