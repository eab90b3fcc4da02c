package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.LogLine;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Container logs up to now (SPEC.md "Agent API"); following them is {@link LogFollowRoute}. */
@Singleton
public class ContainerLogService {

  /** Non-follow log answers stop at this size; older lines are dropped first. */
  static final int MAX_LOG_BYTES = 8 * 1024 * 1024;

  // docker-java's client is built lazily, on the first call (see ContainerService).
  private final Provider<DockerClient> dockerClient;
  private final Duration timeout;

  public ContainerLogService(Provider<DockerClient> dockerClient, AgentConfig config) {
    this.dockerClient = dockerClient;
    this.timeout = config.docker().responseTimeout();
  }

  private DockerClient docker() {
    return dockerClient.get();
  }

  /** Logs up to now, split into lines; {@code since} in unix seconds. */
  public ContainerLogs logs(String id, Integer tail, Integer since, boolean timestamps) {
    ContainerService.checkId(id);
    LineCollector collector = new LineCollector(timestamps, MAX_LOG_BYTES);
    DockerCalls.runUnbounded(
        "container " + id,
        () -> {
          var cmd =
              docker()
                  .logContainerCmd(id)
                  .withStdOut(true)
                  .withStdErr(true)
                  .withTimestamps(timestamps);
          if (tail != null) {
            cmd.withTail(tail);
          }
          if (since != null) {
            cmd.withSince(since);
          }
          try {
            ResultCallback.Adapter<Frame> cb = cmd.exec(collector);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
              cb.close();
              throw AgentErrors.dockerTimeout("Docker did not finish sending logs in time");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AgentErrors.dockerTimeout("interrupted while reading logs");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          collector.rethrow();
          return null;
        });
    return new ContainerLogs(id, collector.lines());
  }

  /** Splits log frames into lines; keeps the newest lines when over the size cap. */
  static final class LineCollector extends ResultCallback.Adapter<Frame> {
    private final boolean timestamps;
    private final int maxBytes;
    private final java.util.ArrayDeque<LogLine> lines = new java.util.ArrayDeque<>();
    private final Map<StreamType, StringBuilder> partial = new HashMap<>();
    private long bytes;
    private volatile Throwable failure;

    LineCollector(boolean timestamps, int maxBytes) {
      this.timestamps = timestamps;
      this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void onNext(Frame frame) {
      StringBuilder sb = partial.computeIfAbsent(frame.getStreamType(), k -> new StringBuilder());
      sb.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      int nl;
      while ((nl = sb.indexOf("\n")) >= 0) {
        add(frame.getStreamType(), sb.substring(0, nl));
        sb.delete(0, nl + 1);
      }
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      super.onError(t);
    }

    private void add(StreamType type, String text) {
      LogLine line = LogParsing.line(type, text, timestamps);
      lines.addLast(line);
      bytes += text.length();
      while (bytes > maxBytes && !lines.isEmpty()) {
        bytes -= lines.removeFirst().message().length();
      }
    }

    synchronized List<LogLine> lines() {
      partial.forEach(
          (type, sb) -> {
            if (sb.length() > 0) {
              add(type, sb.toString());
              sb.setLength(0);
            }
          });
      return new ArrayList<>(lines);
    }

    void rethrow() {
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure != null) {
        throw new RuntimeException(failure);
      }
    }
  }
}
