package io.homelab.observer.tracking.security;

import static io.homelab.observer.tracking.security.SecurityFixture.API;
import static io.homelab.observer.tracking.security.SecurityFixture.admin;
import static io.homelab.observer.tracking.security.SecurityFixture.as;
import static io.homelab.observer.tracking.security.SecurityFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Password guessing in parallel and stale credentials: 100 simultaneous wrong passwords count as
 * 100 (only the limit's worth are even checked), and a changed password or a deleted user stops
 * working on the very next request, credential cache or not.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class LoginAttackTest {

  @TestHTTPResource("/api/2.0/mlflow/experiments/search?max_results=1")
  URI search;

  @Test
  void hundredParallelWrongPasswordsCountAsHundred() throws Exception {
    String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
    SecurityFixture.createUser(victim);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String header =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((victim + ":wrong-guess-" + i).getBytes(StandardCharsets.UTF_8));
      flood.add(
          http.sendAsync(
              HttpRequest.newBuilder(search).header("Authorization", header).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int unauthorized = 0;
    int limited = 0;
    for (CompletableFuture<HttpResponse<String>> r : flood) {
      int status = r.get().statusCode();
      if (status == 401) {
        unauthorized++;
      } else if (status == 429) {
        limited++;
        assertThat(r.get().headers().firstValue("Retry-After")).isPresent();
      }
    }
    // Exactly the limit's worth of guesses were checked; every other one was refused unchecked.
    assertThat(unauthorized).isEqualTo(AuthOnProfile.MAX_FAILED_LOGINS);
    assertThat(limited).isEqualTo(100 - AuthOnProfile.MAX_FAILED_LOGINS);
    // The window is closed for this client and name, even with the right password.
    as(victim).get(API + "/experiments/search").then().statusCode(429);
  }

  @Test
  void changedPasswordAndDeletedUserStopAtOnce() {
    String dave = "dave-" + UUID.randomUUID().toString().substring(0, 8);
    SecurityFixture.createUser(dave);
    // Twice: the second is answered from the credential cache.
    as(dave).get(API + "/experiments/search").then().statusCode(200);
    as(dave).get(API + "/experiments/search").then().statusCode(200);
    String newPassword = dave + "-new-password";
    admin()
        .body(Map.of("username", dave, "password", newPassword))
        .patch(API + "/users/update-password")
        .then()
        .statusCode(200);
    as(dave).get(API + "/experiments/search").then().statusCode(401);
    basic(dave, newPassword).get(API + "/experiments/search").then().statusCode(200);
    admin().body(Map.of("username", dave)).delete(API + "/users/delete").then().statusCode(200);
    basic(dave, newPassword).get(API + "/experiments/search").then().statusCode(401);
  }
}
