package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.AcceptanceProfile;
import io.homelab.observer.tracking.PostgresAcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link TraceClientScenario} on PostgreSQL (the acceptance tests' fresh schema), auth on. */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresTracePythonClientTest extends TraceClientScenario {

  @Override
  protected String adminPassword() {
    return AcceptanceProfile.ADMIN_PASSWORD;
  }
}
