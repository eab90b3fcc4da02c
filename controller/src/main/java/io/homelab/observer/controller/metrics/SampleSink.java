package io.homelab.observer.controller.metrics;

import java.util.List;

/** Writes samples into the controller's store: the scraper's and the service monitors' way in. */
public interface SampleSink {

  void append(List<Sample> samples);
}
