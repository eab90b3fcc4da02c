package io.homelab.observer.controller.remotewrite;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Remote write to a real Prometheus started first, a 1 s scrape interval and a data dir of its own.
 */
public class RemoteWriteProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "homelab.controller.scrape-interval", "1s",
        "homelab.controller.scrape.timeout", "900ms",
        "homelab.controller.data-dir", "target/test-data/controller-rw-" + System.nanoTime());
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PrometheusReceiver.class));
  }
}
