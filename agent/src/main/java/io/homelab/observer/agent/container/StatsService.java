package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.wire.ContainerStats;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One-shot {@code docker stats --no-stream} for one container, computed as the Docker CLI does. */
// Application-scoped (a lazy client proxy) rather than a singleton: the containers resource injects
// this service, and building it eagerly would build docker-java's client (~5 MiB resident) on the
// first container list, which needs none of it.
@ApplicationScoped
public class StatsService {

  private final DockerClient docker;
  private final Duration timeout;

  public StatsService(DockerClient docker, AgentConfig config) {
    this.docker = docker;
    this.timeout = config.docker().responseTimeout();
  }

  public ContainerStats stats(String id) {
    ContainerService.checkId(id);
    return DockerCalls.run(
        "container " + id,
        () -> {
          // Existence first: Docker answers stats of an unknown id only after its own wait.
          docker.inspectContainerCmd(id).exec();
          CompletableFuture<Statistics> first = new CompletableFuture<>();
          ResultCallback.Adapter<Statistics> cb =
              docker
                  .statsCmd(id)
                  .withNoStream(true)
                  .exec(
                      new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Statistics s) {
                          first.complete(s);
                        }

                        @Override
                        public void onError(Throwable t) {
                          first.completeExceptionally(t);
                        }

                        @Override
                        public void onComplete() {
                          first.completeExceptionally(new IllegalStateException("no stats sample"));
                        }
                      });
          try {
            return compute(id, first.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
          } catch (TimeoutException e) {
            throw AgentErrors.dockerTimeout("Docker did not send stats in time");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AgentErrors.dockerTimeout("interrupted while reading stats");
          } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re
                ? re
                : new RuntimeException(e.getCause());
          } finally {
            try {
              cb.close();
            } catch (java.io.IOException ignored) {
              // Already complete.
            }
          }
        });
  }

  static ContainerStats compute(String id, Statistics s) {
    var cpu = s.getCpuStats();
    var pre = s.getPreCpuStats();
    double cpuPercent = 0;
    int online = 0;
    if (cpu != null && cpu.getCpuUsage() != null) {
      online =
          cpu.getOnlineCpus() != null
              ? cpu.getOnlineCpus().intValue()
              : cpu.getCpuUsage().getPercpuUsage() == null
                  ? 1
                  : cpu.getCpuUsage().getPercpuUsage().size();
      long total = nz(cpu.getCpuUsage().getTotalUsage());
      long preTotal =
          pre == null || pre.getCpuUsage() == null ? 0 : nz(pre.getCpuUsage().getTotalUsage());
      long system = nz(cpu.getSystemCpuUsage());
      long preSystem = pre == null ? 0 : nz(pre.getSystemCpuUsage());
      if (system > preSystem && total >= preTotal) {
        cpuPercent = (double) (total - preTotal) / (system - preSystem) * online * 100.0;
      }
    }
    long memUsage = 0;
    long memLimit = 0;
    var mem = s.getMemoryStats();
    if (mem != null) {
      memUsage = nz(mem.getUsage());
      memLimit = nz(mem.getLimit());
      if (mem.getStats() != null) {
        // As the CLI: cgroup v1 subtracts total_inactive_file, v2 inactive_file.
        Long inactive = mem.getStats().getTotalInactiveFile();
        if (inactive == null) {
          inactive = mem.getStats().getInactiveFile();
        }
        if (inactive != null && inactive < memUsage) {
          memUsage -= inactive;
        }
      }
    }
    long rx = 0;
    long tx = 0;
    if (s.getNetworks() != null) {
      for (var n : s.getNetworks().values()) {
        rx += nz(n.getRxBytes());
        tx += nz(n.getTxBytes());
      }
    }
    long read = 0;
    long write = 0;
    if (s.getBlkioStats() != null && s.getBlkioStats().getIoServiceBytesRecursive() != null) {
      for (var e : s.getBlkioStats().getIoServiceBytesRecursive()) {
        if ("read".equalsIgnoreCase(e.getOp())) {
          read += nz(e.getValue());
        } else if ("write".equalsIgnoreCase(e.getOp())) {
          write += nz(e.getValue());
        }
      }
    }
    long pids = s.getPidsStats() == null ? 0 : nz(s.getPidsStats().getCurrent());
    Instant at;
    try {
      at = Instant.parse(s.getRead());
    } catch (RuntimeException e) {
      at = Instant.now();
    }
    return new ContainerStats(
        id,
        at,
        cpuPercent,
        online,
        memUsage,
        memLimit,
        memLimit > 0 ? memUsage * 100.0 / memLimit : 0,
        rx,
        tx,
        read,
        write,
        pids);
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }
}
