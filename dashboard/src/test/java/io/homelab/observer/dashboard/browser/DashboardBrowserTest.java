package io.homelab.observer.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against the real controller, tracking server and agent
 * ({@link RealSuite}); each page's screenshot goes to docs/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(value = RealSuite.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  @TestHTTPResource("/")
  URL base;

  static ChromeDriver browser;

  @BeforeEach
  void needsSuiteAndBrowser() {
    assumeTrue(
        RealSuite.available, "service jars not built (-Ddashboard.quick): browser tests skipped");
    assumeTrue(
        Browser.available(),
        "HOMELAB_TEST_CHROMIUM/_CHROMEDRIVER not set: source target/test-env/env.sh");
    if (browser == null) {
      browser = Browser.start();
    }
  }

  @AfterAll
  static void quit() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  WebDriverWait waitUp(int seconds) {
    // htmx swaps and HX-Refresh reloads replace elements while a condition reads them.
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  void signIn(String user, String password) {
    browser.manage().deleteAllCookies();
    browser.get(url("/signin"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitUp(15).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
  }

  @Test
  @Order(1)
  void anonymousIsSentToSignIn() throws Exception {
    browser.manage().deleteAllCookies();
    browser.get(url("/containers"));
    assertThat(browser.getCurrentUrl()).contains("/signin");
    Browser.screenshot(browser, "signin");
  }

  @Test
  @Order(2)
  void signInShowsHomeWithWidgetsLoadedOnTheirOwn() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("admin");
    // The containers widget lists the test container from the real agent.
    waitUp(30)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".type-containers [data-name='" + RealSuite.CONTAINER + "']")));
    // Server stats: the local host with numbers from the controller's scrapes of the real agent
    // (the home page is reloaded until the first scrapes are in and the widget's cache expired).
    waitUp(90)
        .pollingEvery(Duration.ofSeconds(3))
        .until(
            d -> {
              List<WebElement> cpu =
                  d.findElements(By.cssSelector(".type-server-stats .server [data-metric=cpu]"));
              if (!cpu.isEmpty() && cpu.get(0).getText().matches("[0-9.]+%")) {
                return true;
              }
              d.navigate().refresh();
              return false;
            });
    assertThat(browser.findElements(By.cssSelector(".type-server-stats .widget-error"))).isEmpty();
    assertThat(
            browser.findElement(By.cssSelector(".type-server-stats [data-metric=ram]")).getText())
        .matches("[0-9.]+%");
    // The seeded rule fires once the agent is scraped; the alerts widget shows the real alert.
    waitUp(90)
        .pollingEvery(Duration.ofSeconds(3))
        .until(
            d -> {
              if (!d.findElements(
                      By.cssSelector(".type-alerts [data-alert='" + RealSuite.ALERT + "']"))
                  .isEmpty()) {
                return true;
              }
              d.navigate().refresh();
              return false;
            });
    assertThat(
            browser
                .findElement(By.cssSelector(".type-alerts [data-alert='" + RealSuite.ALERT + "']"))
                .getText())
        .contains("the test agent answers its scrapes");
    // The seeded error line, from the tracking server's log search.
    assertThat(browser.findElement(By.cssSelector(".type-error-logs")).getText())
        .contains("backup failed: " + RealSuite.LOG_WORD);
    waitUp(30)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".type-latest-runs .runs a")));
    Browser.screenshot(browser, "home");
    // Time to first contentful paint of a warm home page, for docs/benchmarks.md.
    List<Double> paints = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      browser.get(url("/"));
      // The paint entry is recorded a frame after load: wait for it rather than read once.
      Object fcp =
          waitUp(10)
              .until(
                  d ->
                      ((org.openqa.selenium.JavascriptExecutor) d)
                          .executeScript(
                              "var e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : null;"));
      if (fcp instanceof Number n) {
        paints.add(n.doubleValue());
      }
    }
    assertThat(paints).isNotEmpty();
    java.nio.file.Files.writeString(
        ServiceProcess.WORK.resolve("first-paint.txt"),
        "first contentful paint of home, ms: " + paints + "\n");
  }

  @Test
  @Order(3)
  void containerStoppedAndStartedFromTheUiChangesState() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/containers?q=" + RealSuite.CONTAINER));
    By row = By.cssSelector("#container-list [data-name='" + RealSuite.CONTAINER + "']");
    assertThat(browser.findElement(row).findElement(By.cssSelector("[data-state]")).getText())
        .isEqualTo("running");
    Browser.screenshot(browser, "containers");
    browser.findElement(row).findElement(By.cssSelector("button[title=Stop]")).click();
    waitUp(60)
        .until(
            d ->
                d.findElement(row)
                    .findElement(By.cssSelector("[data-state]"))
                    .getText()
                    .equals("exited"));
    browser.findElement(row).findElement(By.cssSelector("button[title=Start]")).click();
    waitUp(60)
        .until(
            d ->
                d.findElement(row)
                    .findElement(By.cssSelector("[data-state]"))
                    .getText()
                    .equals("running"));
  }

  @Test
  @Order(4)
  void containerLogsFollowLive() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER));
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("running");
    int before = browser.findElements(By.cssSelector("#logbox > div")).size();
    browser.findElement(By.id("follow-btn")).click();
    waitUp(30).until(d -> d.findElements(By.cssSelector("#logbox > div")).size() > before + 2);
    assertThat(browser.findElement(By.id("logbox")).getText()).contains("tick");
    Browser.screenshot(browser, "container-logs");
  }

  @Test
  @Order(5)
  void runsAreSearchedAndCompared() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/experiments"));
    Browser.screenshot(browser, "experiments");
    browser.get(url("/experiments/" + RealSuite.experimentId));
    assertThat(browser.findElements(By.cssSelector("#runs tbody input[name=run]"))).hasSize(3);
    WebElement filter = browser.findElement(By.name("filter"));
    filter.sendKeys("metrics.loss < 0.5");
    filter.submit();
    waitUp(15)
        .until(d -> d.findElements(By.cssSelector("#runs tbody input[name=run]")).size() == 2);
    Browser.screenshot(browser, "runs");
    browser.findElements(By.cssSelector("#runs tbody input[name=run]")).forEach(WebElement::click);
    browser.findElement(By.id("compare-btn")).click();
    waitUp(15).until(ExpectedConditions.presenceOfElementLocated(By.id("compare")));
    assertThat(browser.findElements(By.cssSelector("#compare thead th"))).hasSize(3);
    waitUp(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart canvas")));
    Browser.screenshot(browser, "compare");
  }

  @Test
  @Order(6)
  void otherPagesRenderAndDegradeInline() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    for (String page : List.of("hosts", "logs", "alerts", "settings")) {
      browser.get(url("/" + page));
      assertThat(browser.findElement(By.cssSelector("main h1")).getText()).isNotBlank();
      Browser.screenshot(browser, page);
    }
    browser.get(url("/hosts/" + RealSuite.environmentId));
    waitUp(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart canvas")));
    assertThat(browser.findElements(By.cssSelector(".chart .widget-error"))).isEmpty();
    // The CPU chart's series as the page fetched them: real points from the controller's PromQL.
    Object points =
        browser.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "fetch('/hosts/"
                + RealSuite.environmentId
                + "/series?panel=cpu&range=1h').then(r => r.json())"
                + ".then(j => done(j.data[1].filter(v => v !== null).length))"
                + ".catch(e => done('error ' + e));");
    assertThat(points).isInstanceOf(Long.class);
    assertThat((Long) points).isPositive();
    Browser.screenshot(browser, "host");
  }

  @Test
  @Order(7)
  void forgedPostWithoutCsrfTokenIsRefused() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    String cookie = browser.manage().getCookieNamed("hlo_session").getValue();
    HttpResponse<String> r =
        post(
            "/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER + "/stop",
            cookie,
            null);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("CSRF");
    browser.get(url("/containers?q=" + RealSuite.CONTAINER));
    assertThat(
            browser
                .findElement(
                    By.cssSelector("[data-name='" + RealSuite.CONTAINER + "'] [data-state]"))
                .getText())
        .isEqualTo("running");
  }

  @Test
  @Order(8)
  void viewerSeesNoActionsAndIsRefusedWhenPostingAnyway() throws Exception {
    signIn("viewer", RealSuite.VIEWER_PASSWORD);
    browser.get(url("/containers"));
    assertThat(browser.findElements(By.cssSelector("[data-name='" + RealSuite.CONTAINER + "']")))
        .hasSize(1);
    assertThat(browser.findElements(By.cssSelector(".actions button"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("form[hx-post='/containers/deploy']")))
        .isEmpty();
    String cookie = browser.manage().getCookieNamed("hlo_session").getValue();
    String headers = browser.findElement(By.tagName("body")).getAttribute("hx-headers");
    String csrf = headers.replaceAll(".*\"X-CSRF-Token\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> r =
        post(
            "/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER + "/stop",
            cookie,
            csrf);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("viewer");
  }

  @Test
  @Order(9)
  void dashboardYmlReloadsWithoutRestartAndKeepsTheLastGoodLayoutOnError() throws Exception {
    java.nio.file.Path file = java.nio.file.Path.of("target/test-data/dashboard/dashboard.yml");
    String original = java.nio.file.Files.readString(file);
    try {
      signIn("admin", RealSuite.ADMIN_PASSWORD);
      java.nio.file.Files.writeString(
          file, original.replace("title: Homelab", "title: Renamed lab"));
      waitUp(10)
          .until(
              d -> {
                d.navigate().refresh();
                return d.findElement(By.cssSelector(".brand")).getText().equals("Renamed lab");
              });
      java.nio.file.Files.writeString(
          file,
          original
              + "\n  - name: Broken\n    columns:\n      - widgets:\n          - type: nope\n");
      waitUp(10)
          .until(
              d -> {
                d.navigate().refresh();
                return !d.findElements(By.cssSelector(".banner.error")).isEmpty();
              });
      assertThat(browser.findElement(By.cssSelector(".banner.error")).getText())
          .contains("dashboard.yml")
          .contains("unknown widget type: nope")
          .containsPattern("line \\d+");
      // The last good layout is still served, widgets included.
      assertThat(browser.findElement(By.cssSelector(".brand")).getText()).isEqualTo("Renamed lab");
      waitUp(30)
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector(".type-containers [data-name]")));
      Browser.screenshot(browser, "config-error");
      // Dark theme and a phone-sized window, for the screenshots.
      java.nio.file.Files.writeString(file, original);
      waitUp(10)
          .until(
              d -> {
                d.navigate().refresh();
                return d.findElements(By.cssSelector(".banner.error")).isEmpty();
              });
      browser.findElement(By.id("theme-toggle")).click();
      waitUp(30)
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector(".type-latest-runs .runs a")));
      Browser.screenshot(browser, "home-dark");
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      browser.navigate().refresh();
      waitUp(30)
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector(".type-containers [data-name]")));
      Browser.screenshot(browser, "home-phone");
    } finally {
      java.nio.file.Files.writeString(file, original);
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }
  }

  @Test
  @Order(10)
  void aMonitorAddedInTheUiIsCheckedAndShownOnHome() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/alerts"));
    String name = "controller-health";
    browser.findElement(By.name("name")).sendKeys(name);
    browser.findElement(By.name("url")).sendKeys(RealSuite.controller.url() + "/q/health/live");
    browser.findElement(By.name("interval")).sendKeys("2s");
    browser.findElement(By.cssSelector("form[hx-post='/alerts/monitors'] button")).click();
    waitUp(15)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("monitor-result"), "Monitor " + name + " added."));
    By row = By.cssSelector("#monitor-list [data-monitor='" + name + "']");
    waitUp(60)
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            d -> {
              d.navigate().refresh();
              List<WebElement> r = d.findElements(row);
              return !r.isEmpty()
                  && r.get(0).findElement(By.cssSelector(".status")).getText().equals("up");
            });
    assertThat(browser.findElement(row).getText()).containsPattern("\\d+ ms");
    assertThat(browser.findElement(By.id("firing-list")).getText()).contains(RealSuite.ALERT);
    Browser.screenshot(browser, "alerts");
    browser.get(url("/"));
    waitUp(60)
        .pollingEvery(Duration.ofSeconds(3))
        .until(
            d -> {
              if (!d.findElements(By.cssSelector(".type-monitor [data-monitor='" + name + "']"))
                  .isEmpty()) {
                return true;
              }
              d.navigate().refresh();
              return false;
            });
  }

  @Test
  @Order(11)
  void aFiringAlertIsSilencedAndTheSilenceExpiredFromTheUi() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/alerts"));
    By firing = By.cssSelector("#firing-list [data-alert='" + RealSuite.ALERT + "']");
    waitUp(60)
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            d -> {
              d.navigate().refresh();
              return !d.findElements(firing).isEmpty();
            });
    browser
        .findElement(firing)
        .findElement(By.cssSelector("button[hx-post='/alerts/silences']"))
        .click();
    // The answer reloads the page: the alert is shown silenced and the silence is listed.
    waitUp(30)
        .until(
            d ->
                d.findElement(firing).getText().contains("silenced")
                    && d.findElement(By.id("silence-list")).getText().contains(RealSuite.ALERT));
    Browser.screenshot(browser, "alerts-silenced");

    browser.findElement(By.name("matchers")).sendKeys("alertname=\"no such");
    browser.findElement(By.cssSelector("#silence-form button")).click();
    waitUp(15)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("silence-result"), "Cannot read the matchers"));

    WebElement silence =
        browser.findElements(By.cssSelector("#silence-list [data-silence]")).stream()
            .filter(e -> e.getText().contains(RealSuite.ALERT))
            .findFirst()
            .orElseThrow();
    String id = silence.getAttribute("data-silence");
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.confirm = () => true");
    silence.findElement(By.cssSelector("button")).click();
    waitUp(30)
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            d ->
                d.getCurrentUrl().contains("/alerts")
                    && d.findElements(By.cssSelector("#silence-list [data-silence='" + id + "']"))
                        .isEmpty()
                    && !d.findElement(firing).getText().contains("silenced"));
  }

  @Test
  @Order(12)
  void logsAreSearchedWithTheQueryLanguage() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/logs?q=" + RealSuite.LOG_WORD + "&range=1h"));
    assertThat(browser.findElements(By.cssSelector("#log-lines > li"))).hasSize(3);
    assertThat(browser.findElement(By.id("log-lines")).getText())
        .contains("backup failed: " + RealSuite.LOG_WORD + " disk full");
    // The histogram counts every match (the tracking server's counts), not only the page.
    Object total =
        browser.executeScript(
            "return Array.from(document.querySelectorAll('.histogram meter'))"
                + ".map(m => parseInt(m.title.split(': ')[1])).reduce((a, b) => a + b, 0);");
    assertThat(total).isEqualTo(3L);
    Browser.screenshot(browser, "logs");
    browser.get(url("/logs?q=" + RealSuite.LOG_WORD + "%20AND%20level:error&range=1h"));
    assertThat(browser.findElements(By.cssSelector("#log-lines > li"))).hasSize(1);
  }

  @Test
  @Order(13)
  void theConsoleRunsACommandInTheContainer() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    browser.get(url("/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER));
    browser.findElement(By.id("console-link")).click();
    waitUp(30)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("console-status"), "connected"));
    // Typed as a person would: click into the terminal, then keys (xterm.js reads them from its
    // hidden textarea, which has the focus then).
    new org.openqa.selenium.interactions.Actions(browser)
        .click(browser.findElement(By.id("terminal")))
        .sendKeys("echo console-$((40+2))")
        .sendKeys(org.openqa.selenium.Keys.ENTER)
        .perform();
    waitUp(20)
        .until(
            d ->
                d.findElement(By.cssSelector("#terminal .xterm-rows"))
                    .getText()
                    .contains("console-42"));
    Browser.screenshot(browser, "console");
  }

  @Test
  @Order(14)
  void theConsoleIsRefusedToViewersAndToOtherSites() throws Exception {
    signIn("admin", RealSuite.ADMIN_PASSWORD);
    String admin = browser.manage().getCookieNamed("hlo_session").getValue();
    String origin = base.toString().replaceAll("/$", "");
    assertThat(consoleHandshake(admin, "http://evil.example")).isEqualTo(403);
    assertThat(consoleHandshake("not-a-session", origin)).isEqualTo(401);
    assertThat(consoleHandshake(admin, origin)).isEqualTo(101);
    signIn("viewer", RealSuite.VIEWER_PASSWORD);
    String viewer = browser.manage().getCookieNamed("hlo_session").getValue();
    assertThat(consoleHandshake(viewer, origin)).isEqualTo(403);
    browser.get(url("/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER));
    assertThat(browser.findElements(By.id("console-link"))).isEmpty();
    browser.get(
        url("/containers/" + RealSuite.environmentId + "/" + RealSuite.CONTAINER + "/console"));
    assertThat(browser.findElements(By.id("terminal"))).isEmpty();
  }

  /** The status of a console upgrade with this session cookie and Origin (101 = upgraded). */
  private int consoleHandshake(String cookie, String origin) throws Exception {
    java.net.http.WebSocket.Builder b =
        RealSuite.HTTP
            .newWebSocketBuilder()
            .header("Cookie", "hlo_session=" + cookie)
            .header("Origin", origin);
    URI ws =
        URI.create(
            url("/containers/"
                    + RealSuite.environmentId
                    + "/"
                    + RealSuite.CONTAINER
                    + "/console/ws")
                .replaceFirst("^http", "ws"));
    try {
      java.net.http.WebSocket socket =
          b.buildAsync(ws, new java.net.http.WebSocket.Listener() {})
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
      socket.abort();
      return 101;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  private HttpResponse<String> post(String path, String cookie, String csrf) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Cookie", "hlo_session=" + cookie)
            .POST(HttpRequest.BodyPublishers.noBody());
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return RealSuite.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
