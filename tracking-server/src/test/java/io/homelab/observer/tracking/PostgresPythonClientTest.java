package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PythonClientScenario} on PostgreSQL (fresh schema) with auth on. */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresPythonClientTest extends PythonClientScenario {}
