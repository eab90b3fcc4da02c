package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ExecResult;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command in a running container and returns its output (SPEC.md "Agent API"). */
@Singleton
public class ContainerExecService {

  /** Exec output kept per stream. */
  static final int MAX_EXEC_BYTES = 1024 * 1024;

  // docker-java's client is built lazily, on the first call (see ContainerService).
  private final Provider<DockerClient> dockerClient;
  private final Duration timeout;
  private final ExecGuard guard;

  public ContainerExecService(
      Provider<DockerClient> dockerClient, AgentConfig config, ExecGuard guard) {
    this.dockerClient = dockerClient;
    this.guard = guard;
    this.timeout = config.docker().responseTimeout();
  }

  private DockerClient docker() {
    return dockerClient.get();
  }

  /** Runs {@code cmd} (argv, no shell) in a running container and returns its output. */
  public ExecResult exec(String id, List<String> cmd) {
    ContainerService.checkId(id);
    if (cmd == null || cmd.isEmpty() || cmd.stream().anyMatch(c -> c == null) || cmd.size() > 256) {
      throw ApiException.badRequest("cmd must be a non-empty array of strings");
    }
    guard.check(id);
    return DockerCalls.runUnbounded(
        "container " + id,
        () -> {
          String execId =
              docker()
                  .execCreateCmd(id)
                  .withCmd(cmd.toArray(new String[0]))
                  .withAttachStdout(true)
                  .withAttachStderr(true)
                  .exec()
                  .getId();
          ExecOutput out = new ExecOutput();
          try {
            ResultCallback.Adapter<Frame> cb = docker().execStartCmd(execId).exec(out);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
              cb.close();
              throw AgentErrors.dockerTimeout(
                  "command did not finish within " + timeout.toSeconds() + " s");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AgentErrors.dockerTimeout("interrupted while running the command");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          out.rethrow();
          Long exit = docker().inspectExecCmd(execId).exec().getExitCodeLong();
          return new ExecResult(
              exit == null ? -1 : exit,
              out.stdout.toString(StandardCharsets.UTF_8),
              out.stderr.toString(StandardCharsets.UTF_8),
              out.truncated);
        });
  }

  /** Collects exec output per stream up to {@link #MAX_EXEC_BYTES}. */
  static final class ExecOutput extends ResultCallback.Adapter<Frame> {
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    boolean truncated;
    private volatile Throwable failure;

    @Override
    public void onNext(Frame frame) {
      ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
      byte[] p = frame.getPayload();
      int room = MAX_EXEC_BYTES - target.size();
      if (p.length > room) {
        truncated = true;
      }
      target.write(p, 0, Math.max(0, Math.min(room, p.length)));
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
      super.onError(t);
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
