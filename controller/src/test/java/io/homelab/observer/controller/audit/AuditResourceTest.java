package io.homelab.observer.controller.audit;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

  @Test
  void loginsOkAndFailedAreRecordedWithUserAddressAndResult() {
    String user = "audited-" + System.nanoTime();
    Instant before = Instant.now().minusSeconds(1);
    asAdmin()
        .body(Map.of("username", user, "password", "audited-password", "role", "viewer"))
        .post("/api/users")
        .then()
        .statusCode(201);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", user, "password", "wrong-password"))
        .post("/api/auth/login")
        .then()
        .statusCode(401);
    TestApi.login(user, "audited-password");

    JsonPath page =
        asAdmin()
            .queryParam("user", user)
            .queryParam("since", before.toString())
            .get("/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> items = page.getList("items");
    assertThat(items)
        .extracting(i -> i.get("action") + ":" + i.get("result"))
        .containsExactly("login:ok", "login:failed");
    assertThat(items)
        .allSatisfy(
            i -> {
              assertThat(i.get("user")).isEqualTo(user);
              assertThat(i.get("address")).isEqualTo("127.0.0.1");
              assertThat(Instant.parse((String) i.get("time"))).isAfter(before);
            });
    // the admin's creation of the account is recorded under the admin
    JsonPath created =
        asAdmin()
            .queryParam("user", "admin")
            .queryParam("action", "user.create")
            .queryParam("since", before.toString())
            .get("/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(created.getList("items.target", String.class)).contains(user);
  }

  @Test
  void pagingWalksEveryEntryOnceNewestFirst() {
    String user = "pager-" + System.nanoTime();
    for (int i = 0; i < 5; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("username", user, "password", "wrong-password-" + i))
          .post("/api/auth/login")
          .then()
          .statusCode(401);
    }
    List<String> ids = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      var spec = asAdmin().queryParam("user", user).queryParam("limit", 2);
      if (token != null) {
        spec.queryParam("pageToken", token);
      }
      JsonPath page = spec.get("/api/audit").then().statusCode(200).extract().jsonPath();
      ids.addAll(page.getList("items.id", String.class));
      page.getList("items.time", String.class).forEach(t -> times.add(Instant.parse(t)));
      token = page.getString("nextPageToken");
      pages++;
    } while (token != null && pages < 10);
    assertThat(ids).hasSize(5);
    assertThat(new HashSet<>(ids)).hasSize(5);
    assertThat(pages).isEqualTo(3);
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void theApiOffersNoWayToChangeTheLog() {
    asAdmin().delete("/api/audit").then().statusCode(405);
    asAdmin().body("{}").post("/api/audit").then().statusCode(405);
    asAdmin().body("{}").put("/api/audit").then().statusCode(405);
  }
}
