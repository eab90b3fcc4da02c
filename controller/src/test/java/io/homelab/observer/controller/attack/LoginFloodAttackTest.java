package io.homelab.observer.controller.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.storage.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attack: 100 wrong passwords for one account at once, from one client behind the trusted reverse
 * proxy. The limiter counts each (no check-then-act window), so only the per-user limit reaches the
 * password check; the refusals are counted, not audited one row each; the account's owner, at
 * another address, still logs in.
 */
@QuarkusTest
@TestProfile(LoginFloodAttackTest.BehindProxy.class)
@Tag("security")
class LoginFloodAttackTest {

  @Inject Database db;

  /** The controller behind nginx on loopback: X-Forwarded-For counts from 127.0.0.1 only. */
  public static class BehindProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding",
          "true",
          "quarkus.http.proxy.allow-x-forwarded",
          "true",
          "quarkus.http.proxy.trusted-proxies",
          "127.0.0.1",
          "homelab.controller.auth.max-failures-per-user",
          "5",
          "homelab.controller.auth.max-failures-per-address",
          "20",
          "homelab.controller.data-dir",
          "target/test-data/controller-login-flood-" + System.nanoTime());
    }
  }

  private static final String ATTACKER = "198.51.100.66";
  private static final String OWNER = "192.0.2.10";

  @Test
  void hundredParallelWrongLoginsReachThePasswordCheckFiveTimes() throws Exception {
    String user = "flood-victim";
    String password = "the-right-password-1";
    // A fresh login: this profile runs its own application and database.
    TestApi.as(TestApi.login("admin", TestApi.ADMIN_PASSWORD))
        .body(Map.of("username", user, "password", password, "role", "viewer"))
        .post("/api/users")
        .then()
        .statusCode(201);

    ExecutorService pool = Executors.newFixedThreadPool(25);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(pool.submit(() -> login(user, "wrong-password", ATTACKER)));
    }
    int unauthorised = 0;
    int throttled = 0;
    for (Future<Integer> f : answers) {
      int status = f.get();
      unauthorised += status == 401 ? 1 : 0;
      throttled += status == 429 ? 1 : 0;
    }
    pool.shutdown();
    assertThat(unauthorised).as("attempts that reached the password check").isEqualTo(5);
    assertThat(throttled).isEqualTo(95);

    // Audit: five failures, and the 95 refusals as one row (the rest are counted for a later row).
    assertThat(rows(user, ATTACKER, "failed")).isEqualTo(5);
    assertThat(rows(user, ATTACKER, "denied")).isEqualTo(1);

    // Even the right password from the attacker's address is refused now ...
    assertThat(login(user, password, ATTACKER)).isEqualTo(429);
    // ... but the owner at another address is not locked out, and the account is unchanged.
    assertThat(login(user, password, OWNER)).isEqualTo(200);
  }

  @Test
  void forwardedAddressesCountOnlyFromTheTrustedProxy() {
    // The peer (127.0.0.1) is the trusted proxy here, so the forwarded address is what is audited.
    login("nobody-" + System.nanoTime(), "x", "203.0.113.77");
    assertThat(addressesOfFailedLogins()).contains("203.0.113.77");
  }

  private static int login(String user, String password, String forwardedFor) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", forwardedFor)
        .body(Map.of("username", user, "password", password))
        .post("/api/auth/login")
        .statusCode();
  }

  private long rows(String user, String address, String result) {
    return db.tx(
        c ->
            Jdbc.count(
                c,
                "SELECT COUNT(*) FROM audit_log WHERE username = ? AND address = ?"
                    + " AND action = 'login' AND result = ?",
                user,
                address,
                result));
  }

  private List<String> addressesOfFailedLogins() {
    return db.tx(
        c ->
            Jdbc.query(
                c,
                "SELECT address FROM audit_log WHERE action = 'login' AND result = 'failed'",
                rs -> rs.getString(1)));
  }
}
