package io.homelab.observer.controller.remotewrite;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.config.StartupChecks;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleListener;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forwards every sample the store accepted to a remote-write receiver when {@code
 * homelab.controller.remote-write.url} is set. The store's append only adds to a bounded memory
 * buffer (never blocks scraping); a flusher turns the buffer into requests in the on-disk {@link
 * DiskQueue} every {@code flush-interval} or {@code batch-size} samples; one sender thread delivers
 * the queue in order, retrying with doubling back-off up to {@code max-backoff}.
 */
@Startup(25)
@ApplicationScoped
public class RemoteWriteSender implements SampleListener {

  /** Status for the API and the tests; no URL credentials in it. */
  public record Status(
      boolean enabled,
      String target,
      int queuedRequests,
      long queuedBytes,
      long sentSamples,
      long droppedRequests,
      long droppedSamples,
      String lastError) {}

  private static final long FIRST_BACKOFF_MILLIS = 500;

  private final ControllerConfig.RemoteWrite config;
  private final Path dir;
  private final int bufferLimit;
  private final List<Sample> buffer = new ArrayList<>();
  private final AtomicLong sentSamples = new AtomicLong();
  private final AtomicLong droppedSamples = new AtomicLong();
  private volatile String lastError;
  private DiskQueue queue;
  private RemoteWriteClient client;
  private ScheduledExecutorService flusher;
  private Thread sender;
  private volatile boolean running;

  public RemoteWriteSender(ControllerConfig config, StartupChecks startup) {
    this.config = config.remoteWrite();
    this.dir = startup.dataDir().resolve("remote-write");
    // a few flushes' worth: beyond it the flusher is far behind and samples are counted as lost
    this.bufferLimit = Math.max(10_000, config.remoteWrite().batchSize() * 20);
  }

  @PostConstruct
  void start() {
    Optional<java.net.URI> url = config.url();
    if (url.isEmpty()) {
      return;
    }
    queue = new DiskQueue(dir, config.maxQueueSize().asLongValue());
    client =
        new RemoteWriteClient(
            url.get(),
            config.bearerToken(),
            config.username(),
            config.password(),
            config.timeout());
    running = true;
    flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("remote-write-flush"));
    long every = Math.max(100, config.flushInterval().toMillis());
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    sender = DaemonThreads.thread(this::sendLoop, "remote-write-send");
    sender.start();
    Log.infof("remote write to %s (%d requests queued from before)", client.target(), queue.size());
  }

  @Override
  public void onAppended(List<Sample> samples) {
    if (!running) {
      return;
    }
    boolean full;
    synchronized (buffer) {
      if (buffer.size() + samples.size() > bufferLimit) {
        droppedSamples.addAndGet(samples.size());
        return;
      }
      buffer.addAll(samples);
      full = buffer.size() >= config.batchSize();
    }
    if (full) {
      flusher.execute(this::flushQuietly);
    }
  }

  public Status status() {
    if (queue == null) {
      return new Status(false, null, 0, 0, 0, 0, 0, null);
    }
    return new Status(
        true,
        client.target(),
        queue.size(),
        queue.bytes(),
        sentSamples.get(),
        queue.dropped(),
        droppedSamples.get(),
        lastError);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      Log.errorf("remote write: cannot queue samples in %s: %s", dir, e.getMessage());
    }
  }

  /** Moves the buffer into the disk queue as requests of at most {@code batch-size} samples. */
  private void flush() throws IOException {
    List<Sample> taken;
    synchronized (buffer) {
      if (buffer.isEmpty()) {
        return;
      }
      taken = new ArrayList<>(buffer);
      buffer.clear();
    }
    int batch = Math.max(1, config.batchSize());
    for (int i = 0; i < taken.size(); i += batch) {
      List<Sample> part = taken.subList(i, Math.min(taken.size(), i + batch));
      queue.add(RequestFile.wrap(part.size(), WriteRequestEncoder.encode(part)));
    }
    synchronized (queue) {
      queue.notifyAll();
    }
  }

  private void sendLoop() {
    long backoff = FIRST_BACKOFF_MILLIS;
    while (running) {
      try {
        Optional<Path> next = queue.peek();
        if (next.isEmpty()) {
          synchronized (queue) {
            queue.wait(1000);
          }
          continue;
        }
        byte[] file;
        try {
          file = Files.readAllBytes(next.get());
        } catch (NoSuchFileException gone) {
          queue.remove(next.get()); // dropped by the bound meanwhile
          continue;
        }
        RequestFile request = RequestFile.unwrap(file);
        RemoteWriteClient.Result r = client.send(request.body());
        switch (r.outcome()) {
          case DELIVERED -> {
            queue.remove(next.get());
            sentSamples.addAndGet(request.samples());
            lastError = null;
            backoff = FIRST_BACKOFF_MILLIS;
          }
          case REJECTED -> {
            queue.remove(next.get());
            droppedSamples.addAndGet(request.samples());
            lastError = r.detail();
            Log.warnf(
                "remote write: %s rejected a request for good: %s", client.target(), r.detail());
          }
          case RETRY -> {
            if (lastError == null || !lastError.equals(r.detail())) {
              Log.warnf("remote write: %s failed, retrying: %s", client.target(), r.detail());
            }
            lastError = r.detail();
            Thread.sleep(backoff);
            backoff =
                Math.min(
                    backoff * 2, Math.max(FIRST_BACKOFF_MILLIS, config.maxBackoff().toMillis()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        lastError = e.getMessage();
        Log.errorf("remote write: queue error: %s", e.getMessage());
        sleepQuietly(backoff);
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (!running) {
      return;
    }
    running = false;
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
      flush(); // what is still in memory waits on disk for the next start
    } catch (IOException | InterruptedException e) {
      Log.warnf("remote write: samples not queued at shutdown: %s", e.getMessage());
    }
    sender.interrupt();
  }
}
