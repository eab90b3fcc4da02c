package io.homelab.observer.dashboard.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through its chromedriver ($HOMELAB_TEST_CHROMIUM / _CHROMEDRIVER). */
final class Browser {

  /**
   * A test run must not dirty the checkout, so screenshots go under target/; refresh the ones the
   * README shows with {@code -Dhomelab.test.screenshots-dir=$PWD/docs/screenshots}.
   */
  static final Path SCREENSHOTS =
      Path.of(
          System.getProperty(
              "homelab.test.screenshots-dir",
              ServiceProcess.ROOT.resolve("dashboard/target/screenshots").toString()));

  private Browser() {}

  static boolean available() {
    return System.getenv("HOMELAB_TEST_CHROMIUM") != null
        && System.getenv("HOMELAB_TEST_CHROMEDRIVER") != null;
  }

  static ChromeDriver start() {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(System.getenv("HOMELAB_TEST_CHROMIUM"));
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(System.getenv("HOMELAB_TEST_CHROMEDRIVER")).toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    d.manage().window().setSize(new Dimension(1400, 1000));
    return d;
  }

  /** Saves what the browser shows as {name}.png in {@link #SCREENSHOTS}. */
  static void screenshot(ChromeDriver d, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path tmp = d.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(tmp, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
