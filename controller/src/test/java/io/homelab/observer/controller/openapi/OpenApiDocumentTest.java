package io.homelab.observer.controller.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ErrorResponsesFilter} puts in the served document, checked quickly here; the packaged
 * controller is held to the whole document by schemathesis ({@code ControllerSchemathesisIT}).
 */
@QuarkusTest
class OpenApiDocumentTest {

  static JsonNode paths;
  static JsonNode schemas;

  /** Per test: RestAssured knows the random port only once a test runs, not in a static hook. */
  @BeforeEach
  void read() throws Exception {
    String doc =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode root = new ObjectMapper().readTree(doc);
    paths = root.path("paths");
    schemas = root.path("components").path("schemas");
  }

  @Test
  void publicRoutesNeedNoTokenAndEveryOtherOneDocumentsItsRefusals() {
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
        Map.Entry<String, JsonNode> op = o.next();
        String name = op.getKey().toUpperCase() + " " + path.getKey();
        boolean isPublic = List.of("POST /api/auth/login", "GET /api/public-key").contains(name);
        JsonNode responses = op.getValue().path("responses");
        if (isPublic) {
          assertThat(op.getValue().has("security")).as(name).isFalse();
          assertThat(responses.has("403")).as(name).isFalse();
        } else {
          assertThat(op.getValue().path("security").toString())
              .as(name)
              .isEqualTo("[{\"bearer\":[]}]");
          assertThat(responses.has("401") && responses.has("403")).as(name).isTrue();
        }
        assertThat(op.getValue().path("operationId").asText()).as(name).doesNotContain(".");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void successStatusesAreTheOnesTheResourcesAnswer() {
    assertThat(statuses("/api/users", "post")).contains("201").doesNotContain("200");
    assertThat(statuses("/api/users/{username}", "delete")).contains("204");
    assertThat(statuses("/api/auth/logout", "post")).contains("204").doesNotContain("201");
    assertThat(statuses("/api/alerts/notifiers/{id}/test", "post")).contains("204", "502");
  }

  @Test
  void errorsHaveTheirBodySchemaAndLoginItsOwnRefusals() {
    JsonNode login = paths.path("/api/auth/login").path("post").path("responses");
    assertThat(login.has("401") && login.has("429") && login.has("400")).isTrue();
    assertThat(schemaOf(login.path("200"))).isEqualTo("#/components/schemas/LoginResponse");
    assertThat(schemaOf(login.path("429"))).isEqualTo("#/components/schemas/ErrorBody");
    assertThat(schemas.path("ErrorBody").path("required").toString())
        .isEqualTo("[\"error\",\"message\"]");
    JsonNode query = paths.path("/api/v1/query").path("get").path("responses");
    assertThat(schemaOf(query.path("400"))).isEqualTo("#/components/schemas/PrometheusError");
    assertThat(schemaOf(query.path("401"))).isEqualTo("#/components/schemas/ErrorBody");
    JsonNode agentCall =
        paths.path("/api/environments/{id}/containers/{cid}").path("get").path("responses");
    assertThat(agentCall.has("502") && agentCall.has("504") && agentCall.has("404")).isTrue();
  }

  @Test
  void propertiesMayBeNullAsJacksonWritesThem() {
    assertThat(schemas.path("AuditItem").path("properties").path("message").path("type").toString())
        .contains("null");
  }

  private static String schemaOf(JsonNode response) {
    return response.path("content").path("application/json").path("schema").path("$ref").asText();
  }

  private static List<String> statuses(String path, String method) {
    return iterable(paths.path(path).path(method).path("responses").fieldNames());
  }

  private static List<String> iterable(Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
