package io.homelab.observer.controller;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every endpoint gets a 4xx with the documented {@code {"error","message"}} body, and
 * loses nothing.
 */
@QuarkusTest
class BadInputTest {

  private static final String NO_ENV = "00000000-0000-0000-0000-000000000000";

  /**
   * method, path, body (null = none, a String is sent raw), expected status, expected error code.
   */
  record Case(String method, String path, Object body, int status, String error) {}

  @Test
  void everyEndpointAnswersBadInputWithAClear4xx() {
    List<Case> cases =
        List.of(
            // auth
            new Case("POST", "/api/auth/login", null, 400, "BAD_REQUEST"),
            new Case("POST", "/api/auth/login", "{\"username\":", 400, "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/auth/login",
                "{\"username\":{},\"password\":\"x\"}",
                400,
                "BAD_REQUEST"),
            new Case("POST", "/api/auth/login", Map.of("username", "admin"), 400, "BAD_REQUEST"),
            new Case(
                "POST", "/api/auth/password", Map.of("currentPassword", "x"), 400, "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/auth/password",
                Map.of("currentPassword", TestApi.ADMIN_PASSWORD, "newPassword", "short"),
                400,
                "BAD_REQUEST"),
            // tokens
            new Case("POST", "/api/tokens", Map.of(), 400, "BAD_REQUEST"),
            new Case("POST", "/api/tokens", Map.of("name", "x".repeat(101)), 400, "BAD_REQUEST"),
            new Case(
                "POST", "/api/tokens", Map.of("name", "t", "expiresInDays", 0), 400, "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/tokens",
                Map.of("name", "t", "expiresInDays", 100000),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/tokens",
                "{\"name\":\"t\",\"expiresInDays\":\"soon\"}",
                400,
                "BAD_REQUEST"),
            new Case(
                "POST", "/api/tokens", Map.of("name", "t", "role", "root"), 400, "BAD_REQUEST"),
            new Case("GET", "/api/tokens?all=maybe", null, 400, "BAD_REQUEST"),
            new Case("DELETE", "/api/tokens/no-such-token", null, 404, "NOT_FOUND"),
            // users
            new Case("POST", "/api/users", Map.of(), 400, "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/users",
                Map.of("username", "has space", "password", "long-enough", "role", "viewer"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/users",
                Map.of("username", "shorty", "password", "short", "role", "viewer"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/users",
                Map.of("username", "norole", "password", "long-enough", "role", "god"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/users",
                Map.of("username", "admin", "password", "long-enough", "role", "viewer"),
                409,
                "CONFLICT"),
            new Case("GET", "/api/users/no-such-user", null, 404, "NOT_FOUND"),
            new Case("PATCH", "/api/users/admin", Map.of(), 400, "BAD_REQUEST"),
            new Case("PATCH", "/api/users/admin", Map.of("role", "viewer"), 409, "CONFLICT"),
            new Case("PATCH", "/api/users/admin", Map.of("role", "superuser"), 400, "BAD_REQUEST"),
            new Case("DELETE", "/api/users/admin", null, 409, "CONFLICT"),
            new Case("DELETE", "/api/users/no-such-user", null, 404, "NOT_FOUND"),
            // audit
            new Case("GET", "/api/audit?limit=0", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/audit?limit=abc", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/audit?limit=100000", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/audit?since=yesterday", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/audit?until=2026-13-01", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/audit?pageToken=garbage", null, 400, "BAD_REQUEST"),
            // environments
            new Case("POST", "/api/environments", null, 400, "BAD_REQUEST"),
            new Case("POST", "/api/environments", Map.of(), 400, "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "ftp://host:9001"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "http://host:9001/api"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "http://user:pw@host:9001"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "not a url"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "", "url", "http://host:9001"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "http://host:9001", "tags", List.of("a,b")),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "http://host:9001", "pairingCode", "<>"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments",
                Map.of("name", "x", "url", "http://host:9001", "tlsFingerprint", "ab".repeat(32)),
                400,
                "BAD_REQUEST"),
            new Case("GET", "/api/environments/" + NO_ENV, null, 404, "NOT_FOUND"),
            new Case("PATCH", "/api/environments/" + NO_ENV, Map.of("name", "y"), 404, "NOT_FOUND"),
            new Case("PATCH", "/api/environments/" + NO_ENV, Map.of(), 400, "BAD_REQUEST"),
            new Case("DELETE", "/api/environments/" + NO_ENV, null, 404, "NOT_FOUND"),
            new Case("POST", "/api/environments/" + NO_ENV + "/refresh", null, 404, "NOT_FOUND"),
            // fan-out
            new Case("GET", "/api/containers?environment=" + NO_ENV, null, 404, "NOT_FOUND"),
            new Case("GET", "/api/containers?all=maybe", null, 400, "BAD_REQUEST"),
            new Case("GET", "/api/images?environment=" + NO_ENV, null, 404, "NOT_FOUND"),
            new Case("GET", "/api/volumes?environment=" + NO_ENV, null, 404, "NOT_FOUND"),
            new Case("GET", "/api/networks?environment=" + NO_ENV, null, 404, "NOT_FOUND"),
            // actions
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/bad$name",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET", "/api/environments/" + NO_ENV + "/containers/web", null, 404, "NOT_FOUND"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/containers/web/explode",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/containers/web/restart",
                null,
                404,
                "NOT_FOUND"),
            new Case(
                "DELETE",
                "/api/environments/" + NO_ENV + "/containers/web?force=maybe",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/web/logs?tail=-1",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/web/logs?tail=lots",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/web/logs?since=-5",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/web/logs?follow=maybe",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "GET",
                "/api/environments/" + NO_ENV + "/containers/web/stats",
                null,
                404,
                "NOT_FOUND"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/containers",
                Map.of(),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/containers",
                Map.of("image", "bad image!"),
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/containers",
                "{\"image\":\"x\",\"ports\":\"80\"}",
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/images/pull",
                Map.of(),
                400,
                "BAD_REQUEST"),
            new Case(
                "DELETE",
                "/api/environments/" + NO_ENV + "/images/bad$image",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/images/prune?all=maybe",
                null,
                400,
                "BAD_REQUEST"),
            new Case(
                "POST",
                "/api/environments/" + NO_ENV + "/volumes",
                Map.of("name", "../etc"),
                400,
                "BAD_REQUEST"),
            new Case(
                "DELETE",
                "/api/environments/" + NO_ENV + "/volumes/bad$vol",
                null,
                400,
                "BAD_REQUEST"),
            // framework-level
            new Case("GET", "/api/no-such-endpoint", null, 404, "NOT_FOUND"),
            new Case("PUT", "/api/environments", Map.of(), 405, "METHOD_NOT_ALLOWED"));

    String token = TestApi.adminToken();
    for (Case c : cases) {
      RequestSpecification spec =
          given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
      if (c.body() instanceof String raw) {
        spec.body(raw);
      } else if (c.body() != null) {
        spec.body(c.body());
      }
      Response r = spec.request(c.method(), c.path());
      String what = c.method() + " " + c.path() + " " + c.body() + " -> " + r.asString();
      assertThat(r.statusCode()).as(what).isEqualTo(c.status());
      assertThat(r.contentType()).as(what).startsWith("application/json");
      assertThat(r.jsonPath().getString("error")).as(what).isEqualTo(c.error());
      assertThat(r.jsonPath().getString("message"))
          .as(what)
          .isNotBlank()
          .doesNotContain("Exception");
    }
    // nothing was lost or changed by all that: the admin still logs in and is still the only admin
    TestApi.login("admin", TestApi.ADMIN_PASSWORD);
    asAdmin().get("/api/users/admin").then().statusCode(200).body("role", is("admin"));
  }

  @Test
  void nonJsonBodyIs415WithErrorBody() {
    given()
        .contentType(ContentType.TEXT)
        .body("username=admin")
        .post("/api/auth/login")
        .then()
        .statusCode(415)
        .body("error", is("UNSUPPORTED_MEDIA_TYPE"));
  }
}
