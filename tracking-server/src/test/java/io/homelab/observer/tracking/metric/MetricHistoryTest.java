package io.homelab.observer.tracking.metric;

import io.homelab.observer.tracking.AcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link MetricHistoryScenario} on SQLite with auth on (the acceptance tests' app). */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class MetricHistoryTest extends MetricHistoryScenario {}
