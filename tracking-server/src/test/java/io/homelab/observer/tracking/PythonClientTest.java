package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link PythonClientScenario} on SQLite with auth on. */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class PythonClientTest extends PythonClientScenario {}
