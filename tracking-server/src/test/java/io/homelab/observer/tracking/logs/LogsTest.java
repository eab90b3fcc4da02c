package io.homelab.observer.tracking.logs;

import io.homelab.observer.tracking.AcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link LogsScenario} on SQLite (FTS5) with auth on. */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class LogsTest extends LogsScenario {}
