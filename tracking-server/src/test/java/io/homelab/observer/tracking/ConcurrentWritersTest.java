package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ConcurrentWritersScenario} on SQLite (the single-writer path). */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class ConcurrentWritersTest extends ConcurrentWritersScenario {}
