package io.homelab.observer.common.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for the services' background work (pollers, schedulers, pools): daemon so a
 * stuck call never holds up shutdown, named so a thread dump says whose thread it is.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Every thread called {@code name} (single-thread executors). */
  public static ThreadFactory named(String name) {
    return r -> thread(r, name);
  }

  /** Threads called {@code prefix1}, {@code prefix2}, ... (pools). */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> thread(r, prefix + n.incrementAndGet());
  }

  /** A daemon thread, not yet started. */
  public static Thread thread(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }
}
