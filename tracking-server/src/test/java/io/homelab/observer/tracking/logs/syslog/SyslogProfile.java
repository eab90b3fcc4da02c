package io.homelab.observer.tracking.logs.syslog;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** Auth off, a fresh data dir, the syslog listener on a free loopback port. */
public class SyslogProfile implements QuarkusTestProfile {

  static final int PORT = freePort();

  static final String DATA_DIR =
      "target/test-data/tracking-syslog-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "homelab.tracking.data-dir",
        DATA_DIR,
        "homelab.tracking.logs.syslog-port",
        Integer.toString(PORT),
        "homelab.tracking.logs.syslog-host",
        "127.0.0.1");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
