package io.homelab.observer.controller.metrics;

import java.util.List;

/**
 * Told of every batch the store accepted (CDI beans implementing it are called in turn after each
 * append), for consumers that forward samples elsewhere, such as the remote-write sender. Must not
 * block: queue and return.
 */
public interface SampleListener {

  void onAppended(List<Sample> samples);
}
