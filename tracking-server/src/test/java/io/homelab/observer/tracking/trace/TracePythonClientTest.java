package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.auth.AdminBootstrap;
import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link TraceClientScenario} on SQLite with auth on. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class TracePythonClientTest extends TraceClientScenario {

  @Override
  protected String adminPassword() throws IOException {
    return Files.readString(Path.of(AuthOnProfile.dataDir(), AdminBootstrap.PASSWORD_FILE)).trim();
  }
}
