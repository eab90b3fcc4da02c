package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link JavaClientScenario} on PostgreSQL (fresh schema) with auth on. */
@QuarkusTest
@TestProfile(PostgresAcceptanceProfile.class)
class PostgresJavaClientTest extends JavaClientScenario {}
