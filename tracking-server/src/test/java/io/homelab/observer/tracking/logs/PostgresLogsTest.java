package io.homelab.observer.tracking.logs;

import io.homelab.observer.tracking.PostgresAcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link LogsScenario} on PostgreSQL (tsvector, fresh schema) with auth on. */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresLogsTest extends LogsScenario {}
