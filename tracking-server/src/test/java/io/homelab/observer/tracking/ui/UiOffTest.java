package io.homelab.observer.tracking.ui;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without {@code homelab.tracking.ui-dir} (the shared test app) there is no UI at all. */
@QuarkusTest
class UiOffTest {

  @Test
  void rootAndStaticFilesAre404() {
    given().get("/").then().statusCode(404);
    given().get("/static-files/index.html").then().statusCode(404);
  }
}
