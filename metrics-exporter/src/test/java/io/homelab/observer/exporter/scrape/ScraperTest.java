package io.homelab.observer.exporter.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.Sample;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ScraperTest {

  private static Collector collector(String name, ThrowingSupplier body) {
    return new Collector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<MetricFamily> collect() throws IOException {
        return body.get();
      }
    };
  }

  interface ThrowingSupplier {
    List<MetricFamily> get() throws IOException;
  }

  @Test
  void failingCollectorSetsSuccessZeroAndTheRestStillAnswers() {
    Scraper scraper =
        new Scraper(
            List.of(
                collector(
                    "loadavg",
                    () ->
                        List.of(
                            MetricFamily.gauge("node_load1", "1m load average.").add(1).build())),
                collector(
                    "container",
                    () -> {
                      throw new IOException("Docker is unreachable");
                    }),
                collector(
                    "hwmon",
                    () -> {
                      throw new NoDataException("no /sys/class/hwmon");
                    }),
                collector(
                    "broken",
                    () -> {
                      throw new IllegalStateException("bug");
                    })));
    List<MetricFamily> out = scraper.scrape();
    assertThat(out)
        .extracting(MetricFamily::name)
        .containsExactly("node_load1", Scraper.DURATION, Scraper.SUCCESS);
    MetricFamily success = out.get(2);
    assertThat(success.samples())
        .extracting(s -> s.label("collector") + "=" + (int) s.value())
        .containsExactly("broken=0", "container=0", "hwmon=0", "loadavg=1");
    assertThat(out.get(1).samples()).extracting(Sample::value).allMatch(v -> v >= 0);
  }

  @Test
  void familiesOfTheSameNameAreMerged() {
    Scraper scraper =
        new Scraper(
            List.of(
                collector(
                    "a", () -> List.of(MetricFamily.gauge("m", "h").add(1, "x", "b").build())),
                collector(
                    "b", () -> List.of(MetricFamily.gauge("m", "h").add(2, "x", "a").build()))),
            false);
    List<MetricFamily> out = scraper.scrape();
    assertThat(out.get(0).name()).isEqualTo("m");
    assertThat(out.get(0).samples()).extracting(s -> s.label("x")).containsExactly("a", "b");
  }

  @Test
  void collectorsRunConcurrentlyInLanes() throws Exception {
    // Each collector waits for the other: the scrape only completes if both run at the same time,
    // one on the scraping thread and one on the executor.
    CyclicBarrier both = new CyclicBarrier(2);
    ThrowingSupplier meet =
        () -> {
          try {
            both.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IOException("collectors did not run concurrently", e);
          }
          return List.of(
              MetricFamily.gauge("m", "h").add(1, "c", Thread.currentThread().getName()).build());
        };
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      List<MetricFamily> out =
          new Scraper(List.of(collector("a", meet), collector("b", meet)), false, pool, 2).scrape();
      assertThat(out).extracting(MetricFamily::name).containsExactly("m", Scraper.SUCCESS);
      assertThat(out.get(0).samples()).hasSize(2);
      assertThat(out.get(1).samples()).extracting(Sample::value).containsExactly(1.0, 1.0);
    } finally {
      pool.shutdownNow();
    }
  }
}
