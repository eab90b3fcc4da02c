package io.homelab.observer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of {@code deploy/}, proven by running them: the scripts in {@code
 * deploy/test/} build the images, start both compose stacks behind nginx on the local Docker
 * engine, run the Ansible playbook twice and check every configuration with its own tool. Shell
 * scripts rather than Java because they are what docs/deploy.md tells an operator to type; this
 * class only runs them from the test command and shows their output when one fails.
 */
class DeploymentIT {

  static final Path ROOT =
      Path.of(System.getProperty("homelab.repo.root", "..")).toAbsolutePath().normalize();

  @Test
  void everyConfigurationPassesItsOwnChecker() throws Exception {
    runScript("deploy/test/static-checks.sh", 10);
  }

  @Test
  void composeStacksBehindNginxWorkAndKeepTheirStateAcrossDownAndUp() throws Exception {
    runScript("deploy/test/e2e.sh", 15);
  }

  @Test
  void ansiblePlaybookDeploysTheFleetAndIsIdempotent() throws Exception {
    runScript("deploy/test/ansible.sh", 15);
  }

  private static void runScript(String script, int timeoutMinutes)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("homelab-deploy-it", ".log");
    try {
      Process p =
          new ProcessBuilder(List.of(ROOT.resolve(script).toString()))
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done = p.waitFor(timeoutMinutes, TimeUnit.MINUTES);
      if (!done) {
        // TERM lets the script's trap remove the containers, volumes and nginx it started.
        p.destroy();
        p.waitFor(2, TimeUnit.MINUTES);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(output);
      assertThat(done)
          .as("%s did not finish in %d min:%n%s", script, timeoutMinutes, output)
          .isTrue();
      assertThat(p.exitValue()).as("%s failed:%n%s", script, output).isZero();
      assertThat(output).contains("PASS");
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
