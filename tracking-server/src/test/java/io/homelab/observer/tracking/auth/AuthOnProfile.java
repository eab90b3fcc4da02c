package io.homelab.observer.tracking.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The tracking server with auth on, as deployed: no admin password configured (so the generated one
 * is written to the data dir), default permission READ, a small failed-login limit for the
 * rate-limit test. Its own data dir per test JVM, so the first-admin path runs on an empty database
 * every time.
 */
public class AuthOnProfile implements QuarkusTestProfile {

  /**
   * The data dir of this test JVM's auth-on app (other packages' tests read the admin password from
   * it).
   */
  public static String dataDir() {
    return DATA_DIR;
  }

  static final String DATA_DIR =
      "target/test-data/tracking-auth-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

  public static final int MAX_FAILED_LOGINS = 4;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "homelab.tracking.auth.enabled", "true",
        "homelab.tracking.data-dir", DATA_DIR,
        "homelab.tracking.auth.default-permission", "READ",
        "homelab.tracking.auth.max-failed-logins", Integer.toString(MAX_FAILED_LOGINS),
        "homelab.tracking.auth.max-failed-logins-per-address", "1000");
  }
}
