package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link JavaClientScenario} on SQLite with auth on. */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class JavaClientTest extends JavaClientScenario {}
