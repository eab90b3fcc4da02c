package io.homelab.observer.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis against the packaged controller's own OpenAPI document, as an admin: every
 * operation, examples + coverage + fuzzing + stateful phases, and the build fails on any 5xx, any
 * status the document does not list, a wrong content type, a body that violates its schema, or an
 * operation that answers without its bearer token.
 *
 * <p>The controller and schemathesis run together in a network namespace of their own (see {@code
 * src/test/schemathesis/controller.sh}): generated environments, webhooks and monitors make the
 * controller call made-up addresses, which must never leave this machine.
 *
 * <p>{@code -Dschemathesis.max-examples=N} (default 25) and {@code -Dschemathesis.seed=S} (default
 * fixed, so CI is repeatable) tune the run; about a minute on two busy cores.
 */
@Tag("security")
class ControllerSchemathesisIT {

  static final Path ROOT =
      Path.of(System.getProperty("homelab.repo.root", "..")).toAbsolutePath().normalize();
  static final Path OUT = Path.of("target", "schemathesis", "controller").toAbsolutePath();

  static final String CHECKS =
      "not_a_server_error,status_code_conformance,content_type_conformance,"
          + "response_schema_conformance,ignored_auth";

  @Test
  void noServerErrorNoUndocumentedStatusNoSchemaViolation() throws Exception {
    Path jar = ROOT.resolve("controller/target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("the packaged controller (mvn package)").exists();
    String st = System.getenv("HOMELAB_TEST_SCHEMATHESIS");
    assertThat(st)
        .as("HOMELAB_TEST_SCHEMATHESIS (source target/test-env/env.sh from scripts/test-env.sh)")
        .isNotBlank();
    deleteTree(OUT);
    Path data = OUT.resolve("data");
    Files.createDirectories(data);

    List<String> command = new ArrayList<>();
    command.addAll(List.of("unshare", "--net", "--fork", "--", "bash"));
    command.add(ROOT.resolve("integration-tests/src/test/schemathesis/controller.sh").toString());
    command.addAll(List.of(jar.toString(), data.toString(), OUT.toString(), st));
    command.addAll(List.of("--checks", CHECKS));
    command.addAll(
        List.of("--max-examples", System.getProperty("schemathesis.max-examples", "25")));
    command.addAll(List.of("--seed", System.getProperty("schemathesis.seed", "20261205")));
    // The Prometheus routes read free-form parameters; most generated bodies are filtered there.
    command.addAll(List.of("--suppress-health-check", "filter_too_much", "--workers", "2"));
    command.addAll(List.of("--request-timeout", "20", "--no-color"));

    Path log = OUT.resolve("schemathesis.log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(8, TimeUnit.MINUTES);
    if (!done) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(done).as("schemathesis did not finish in 8 min:%n%s", output).isTrue();
    assertThat(p.exitValue()).as("schemathesis found problems:%n%s", output).isZero();

    // Exit code 0 must mean "tested and found nothing", not "tested nothing".
    assertThat(testCases(OUT.resolve("main.xml"))).as("operations tested").isGreaterThan(50);
    assertThat(testCases(OUT.resolve("logout.xml"))).isEqualTo(1);
    String controllerLog = Files.readString(OUT.resolve("controller.log"));
    assertThat(controllerLog).as("unexpected errors logged").doesNotContain("unexpected error");
  }

  /** The testcase count of a JUnit report with no failure and no error. */
  private static int testCases(Path report) throws IOException {
    assertThat(report).exists();
    String xml = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain("<failure").doesNotContain("<error");
    Matcher m = Pattern.compile("<testcase ").matcher(xml);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
