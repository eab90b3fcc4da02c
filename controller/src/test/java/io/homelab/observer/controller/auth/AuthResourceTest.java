package io.homelab.observer.controller.auth;

import static io.homelab.observer.controller.TestApi.as;
import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.FreshDataDir;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.storage.Database;
import io.homelab.observer.controller.user.UserEntity;
import io.homelab.observer.controller.user.UserService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FreshDataDir.class, restrictToAnnotatedClass = false)
class AuthResourceTest {

  @Inject TokenService tokens;
  @Inject UserService users;
  @Inject Database db;

  @Test
  void loginReturnsTokenExpiryAndRole() {
    var body =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD))
            .post("/api/auth/login")
            .then()
            .statusCode(200)
            .body("token", notNullValue())
            .body("role", is("admin"))
            .extract()
            .jsonPath();
    Instant expires = Instant.parse(body.getString("expiresAt"));
    // %test keeps the default session TTL of 12h
    assertThat(expires)
        .isBetween(
            Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));
    as(body.getString("token"))
        .get("/api/auth/me")
        .then()
        .statusCode(200)
        .body("username", is("admin"));
  }

  @Test
  void wrongPasswordIs401WithErrorBody() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "admin", "password", "not-the-password"))
        .post("/api/auth/login")
        .then()
        .statusCode(401)
        .body("error", is("UNAUTHENTICATED"))
        .body("message", is("wrong username or password"));
  }

  @Test
  void unknownUserGetsTheSameAnswerAsWrongPassword() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", "nobody-here", "password", "whatever-password"))
        .post("/api/auth/login")
        .then()
        .statusCode(401)
        .body("message", is("wrong username or password"));
  }

  @Test
  void repeatedFailuresForOneUserAreRateLimitedEvenWithTheRightPassword() {
    String user = "ratelimited";
    asAdmin()
        .body(Map.of("username", user, "password", "right-password", "role", "viewer"))
        .post("/api/users")
        .then()
        .statusCode(201);
    for (int i = 0; i < 5; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("username", user, "password", "wrong-password"))
          .post("/api/auth/login")
          .then()
          .statusCode(401);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user, "password", "right-password"))
        .post("/api/auth/login")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("error", is("TOO_MANY_REQUESTS"));
    // other users are not affected by this user's lock-out
    TestApi.login("admin", TestApi.ADMIN_PASSWORD);
  }

  @Test
  void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
    // No trusted proxy is configured in this profile: the limiter and the audit see the peer.
    String user = "spoofer-" + System.nanoTime();
    given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", "203.0.113.99")
        .body(Map.of("username", user, "password", "whatever"))
        .post("/api/auth/login")
        .then()
        .statusCode(401);
    String address =
        db.tx(
                c ->
                    Jdbc.first(
                        c,
                        "SELECT address FROM audit_log WHERE username = ?",
                        rs -> rs.getString(1),
                        user))
            .orElseThrow();
    assertThat(address).isEqualTo("127.0.0.1");
  }

  @Test
  void noTokenIs401AndGarbageTokenIs401() {
    given().get("/api/environments").then().statusCode(401).body("error", is("UNAUTHENTICATED"));
    given()
        .header("Authorization", "Bearer hlo_not-a-real-token")
        .get("/api/environments")
        .then()
        .statusCode(401)
        .body("error", is("UNAUTHENTICATED"));
    given()
        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
        .get("/api/environments")
        .then()
        .statusCode(401)
        .body("message", is("Authorization must use the Bearer scheme"));
  }

  @Test
  void expiredTokenIsRefused() throws InterruptedException {
    String secret = issue("admin", Duration.ofMillis(1500));
    as(secret).get("/api/auth/me").then().statusCode(200);
    Thread.sleep(1700);
    as(secret)
        .get("/api/auth/me")
        .then()
        .statusCode(401)
        .body("message", is("token is unknown, expired or revoked; log in again"));
  }

  @Test
  void logoutRevokesTheToken() {
    String token = TestApi.login("admin", TestApi.ADMIN_PASSWORD);
    as(token).post("/api/auth/logout").then().statusCode(204);
    as(token).get("/api/auth/me").then().statusCode(401);
  }

  @Test
  void apiTokenCanBeCreatedUsedListedAndRevoked() {
    var created =
        asAdmin()
            .body(Map.of("name", "backup-script", "role", "viewer", "expiresInDays", 30))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .body("role", is("viewer"))
            .extract()
            .jsonPath();
    String secret = created.getString("token");
    String id = created.getString("id");
    assertThat(secret).startsWith("hlo_");
    assertThat(Instant.parse(created.getString("expiresAt")))
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    // a viewer token of an admin gets viewer rights only
    as(secret).get("/api/environments").then().statusCode(200);
    as(secret).get("/api/users").then().statusCode(403).body("error", is("FORBIDDEN"));
    // listing shows metadata, never the secret
    String listing = asAdmin().get("/api/tokens").then().statusCode(200).extract().asString();
    assertThat(listing).contains(id).doesNotContain(secret);
    asAdmin().delete("/api/tokens/" + id).then().statusCode(204);
    as(secret).get("/api/environments").then().statusCode(401);
  }

  @Test
  void tokenCannotExceedItsCreatorsRole() {
    as(TestApi.tokenOf("viewer"))
        .body(Map.of("name", "escalate", "role", "admin"))
        .post("/api/tokens")
        .then()
        .statusCode(403)
        .body("error", is("FORBIDDEN"));
  }

  @Test
  void anApiTokenCannotMintALongerLivedOrStrongerToken() {
    String parent =
        as(TestApi.tokenOf("operator"))
            .body(Map.of("name", "short-lived", "role", "operator", "expiresInDays", 2))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    as(parent)
        .body(Map.of("name", "outlives", "expiresInDays", 30))
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("error", is("BAD_REQUEST"))
        .body("message", org.hamcrest.Matchers.containsString("cannot outlive it"));
    as(parent)
        .body(Map.of("name", "higher", "role", "admin", "expiresInDays", 1))
        .post("/api/tokens")
        .then()
        .statusCode(403);
    // without an expiry the child gets the parent's remaining life, not the maximum
    String expires =
        as(parent)
            .body(Map.of("name", "child", "role", "viewer"))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("expiresAt");
    assertThat(Instant.parse(expires)).isBefore(Instant.now().plus(Duration.ofDays(2)));
    as(parent)
        .body(Map.of("name", "ok-child", "expiresInDays", 1))
        .post("/api/tokens")
        .then()
        .statusCode(201);
  }

  @Test
  void aUserCannotRevokeSomeoneElsesToken() {
    var created =
        asAdmin()
            .body(Map.of("name", "admins-own"))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    as(TestApi.tokenOf("operator"))
        .delete("/api/tokens/" + created.getString("id"))
        .then()
        .statusCode(404);
    as(created.getString("token")).get("/api/auth/me").then().statusCode(200);
  }

  @Test
  void demotingAUserRevokesTheirTokensAndPasswordChangeKeepsOnlyTheCurrentOne() {
    asAdmin()
        .body(Map.of("username", "demoted", "password", "demoted-password", "role", "operator"))
        .post("/api/users")
        .then()
        .statusCode(201);
    String first = TestApi.login("demoted", "demoted-password");
    asAdmin()
        .body(Map.of("role", "viewer"))
        .patch("/api/users/demoted")
        .then()
        .statusCode(200)
        .body("role", is("viewer"));
    as(first).get("/api/auth/me").then().statusCode(401);

    String a = TestApi.login("demoted", "demoted-password");
    String b = TestApi.login("demoted", "demoted-password");
    as(a)
        .body(Map.of("currentPassword", "demoted-password", "newPassword", "another-password"))
        .post("/api/auth/password")
        .then()
        .statusCode(204);
    as(a).get("/api/auth/me").then().statusCode(200).body("role", is("viewer"));
    as(b).get("/api/auth/me").then().statusCode(401);
    TestApi.login("demoted", "another-password");
  }

  @Test
  void onlyTheHashOfATokenIsStored() {
    String secret = TestApi.login("admin", TestApi.ADMIN_PASSWORD);
    assertThat(hashStored(TokenService.sha256(secret))).isTrue();
    assertThat(hashStored(secret)).isFalse();
  }

  private String issue(String username, Duration ttl) {
    UserEntity u = users.byUsername(username).orElseThrow();
    return tokens.issue(u, TokenEntity.SESSION, "test", Role.parse(u.role), ttl).secret();
  }

  private boolean hashStored(String value) {
    return db.tx(c -> Jdbc.count(c, "SELECT COUNT(*) FROM tokens WHERE token_hash = ?", value) > 0);
  }
}
