package io.homelab.observer.controller.alert;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.Eventually;
import io.homelab.observer.controller.config.StartupChecks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <data-dir>/alerts.yml}: read, reloaded on change, a broken version keeps the last good
 * rules.
 */
@QuarkusTest
class RuleFileTest {

  @Inject StartupChecks dataDir;

  private Path file() {
    return dataDir.dataDir().resolve("alerts.yml");
  }

  @AfterEach
  void removeFile() throws Exception {
    Files.deleteIfExists(file());
    asAdmin().post("/api/alerts/rules/reload").then().statusCode(200);
  }

  @Test
  void fileRulesAreReloadedOnChangeAndABrokenFileKeepsTheLastGoodOnes() throws Exception {
    Files.writeString(
        file(),
        """
        groups:
          - name: homelab
            rules:
              - alert: FileRuleOne
                expr: homelab_test_value{test="file"} > 1
                for: 2m
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $labels.instance }} is high"
        """);
    JsonPath page =
        Eventually.await(
            Duration.ofSeconds(10),
            () -> asAdmin().get("/api/alerts/rules").then().statusCode(200).extract().jsonPath(),
            p -> p.getList("rules.name").contains("FileRuleOne"));
    assertThat(page.getString("file.error")).isNull();
    assertThat(page.getInt("file.rules")).isEqualTo(1);
    assertThat(page.getString("rules.find { it.name == 'FileRuleOne' }.for")).isEqualTo("2m");
    assertThat(page.getString("rules.find { it.name == 'FileRuleOne' }.source")).isEqualTo("file");
    assertThat(page.getString("rules.find { it.name == 'FileRuleOne' }.id"))
        .isEqualTo("file:homelab/FileRuleOne");
    // built-in rules are there too
    assertThat(page.getList("rules.name")).contains("HostDown", "MonitorDown", "DiskAlmostFull");

    // changed by the periodic check, without calling reload
    Files.writeString(
        file(),
        """
        groups:
          - name: homelab
            rules:
              - alert: FileRuleTwo
                expr: up == 0
        """);
    Eventually.await(
        Duration.ofSeconds(10),
        () ->
            asAdmin()
                .get("/api/alerts/rules")
                .then()
                .extract()
                .jsonPath()
                .getList("rules.name", String.class),
        names -> names.contains("FileRuleTwo") && !names.contains("FileRuleOne"));

    // broken: the rules stay, the reason is reported
    Files.writeString(
        file(),
        "groups:\n  - name: homelab\n    rules:\n      - alert: Bad\n        expr: [unclosed\n");
    JsonPath status =
        asAdmin().post("/api/alerts/rules/reload").then().statusCode(200).extract().jsonPath();
    assertThat(status.getString("error")).startsWith("YAML error at line");
    assertThat(status.getInt("rules")).isEqualTo(1);
    List<String> names =
        asAdmin().get("/api/alerts/rules").then().extract().jsonPath().getList("rules.name");
    assertThat(names).contains("FileRuleTwo");

    // valid YAML, invalid rule: named in the error
    Files.writeString(file(), "groups:\n  - name: homelab\n    rules:\n      - alert: NoExpr\n");
    status = asAdmin().post("/api/alerts/rules/reload").then().statusCode(200).extract().jsonPath();
    assertThat(status.getString("error")).contains("NoExpr").contains("expr");
    // a rule file's rule cannot be changed through the API
    asAdmin().delete("/api/alerts/rules/file:homelab/FileRuleTwo").then().statusCode(404);
  }
}
