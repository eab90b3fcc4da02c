package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link ConcurrentWritersScenario} on PostgreSQL; the last PostgreSQL class drops the test schema.
 */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresConcurrentWritersTest extends ConcurrentWritersScenario {}
