package io.homelab.observer.controller.action;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission for calls that hold a thread and an agent connection for long (log follows, pulls,
 * deploys, prunes): a global and a per-user cap, checked before anything is opened; over either cap
 * the caller gets 429 at once. Follows read on {@link #pool()}, which can never hold more threads
 * than the global cap.
 */
@ApplicationScoped
public class LongCalls {

  /** One admitted call; {@link #close()} gives its place back, once, however often called. */
  public final class Permit implements AutoCloseable {
    private final String user;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(String user) {
      this.user = user;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        running.decrementAndGet();
        release(user);
      }
    }
  }

  private final int globalCap;
  private final int userCap;
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Integer> byUser = new ConcurrentHashMap<>();
  private final ExecutorService pool;

  @jakarta.inject.Inject
  public LongCalls(ControllerConfig config) {
    this(config.agents().maxLongCalls(), config.agents().maxLongCallsPerUser());
  }

  LongCalls(int globalCap, int userCap) {
    this.globalCap = globalCap;
    this.userCap = userCap;
    // No queue: a task only comes with a permit, so there is always a thread (at most globalCap).
    this.pool =
        new ThreadPoolExecutor(
            0,
            Math.max(1, globalCap),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DaemonThreads.numbered("long-call-"));
  }

  /**
   * Admits one call for {@code user} (null = anonymous, counted as one user).
   *
   * @throws ApiException 429 when the user or everyone together is at the cap
   */
  public Permit acquire(String user) {
    String key = user == null ? "" : user;
    int mine = byUser.merge(key, 1, Integer::sum);
    if (mine > userCap) {
      release(key);
      throw ApiException.tooManyRequests(
          "you already have "
              + userCap
              + " log follows, pulls or deploys running; close one and try again");
    }
    if (running.incrementAndGet() > globalCap) {
      running.decrementAndGet();
      release(key);
      throw ApiException.tooManyRequests(
          "the controller is running its maximum of "
              + globalCap
              + " log follows, pulls and deploys; try again shortly");
    }
    return new Permit(key);
  }

  /** Where admitted follows read; never more threads than the global cap. */
  ExecutorService pool() {
    return pool;
  }

  /** Calls running now; for tests. */
  int running() {
    return running.get();
  }

  private void release(String key) {
    // Atomic per key: an entry at zero is removed, so idle users cost no memory.
    byUser.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }
}
