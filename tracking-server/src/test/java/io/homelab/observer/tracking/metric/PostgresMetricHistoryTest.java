package io.homelab.observer.tracking.metric;

import io.homelab.observer.tracking.PostgresAcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link MetricHistoryScenario} on PostgreSQL (fresh schema) with auth on. */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresMetricHistoryTest extends MetricHistoryScenario {}
