package io.homelab.observer.controller.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real agent started as its own process from {@code agent/target/quarkus-app/quarkus-run.jar}, on
 * random loopback ports with its own data dir, talking to the real dockerd. Never a mock: the
 * controller under test talks to it over HTTP exactly as in production.
 */
public final class AgentProcess implements AutoCloseable {

  private static final List<AgentProcess> RUNNING = new CopyOnWriteArrayList<>();
  private static final Pattern PAIRING_CODE = Pattern.compile("Pairing code: (\\S+)");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AgentProcess::close)));
  }

  private final String name;
  private final int port;
  private final Path dataDir;
  private final Path log;
  private final boolean tls;
  private final int metricsPort = freePort();
  private Process process;

  private AgentProcess(String name, int port, Path dataDir, boolean tls) {
    this.name = name;
    this.port = port;
    this.dataDir = dataDir;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.tls = tls;
  }

  /**
   * Starts an agent and waits until {@code GET /api/ping} answers.
   *
   * @param controllerPublicKey base64 SPKI to trust at start, or null for pairing mode
   */
  public static AgentProcess start(String name, String controllerPublicKey, boolean tls) {
    return start(name, controllerPublicKey, tls, freePort(), null, Map.of());
  }

  /**
   * Starts on a given port and data dir (a restart of an earlier agent), with extra environment.
   */
  public static AgentProcess start(
      String name,
      String controllerPublicKey,
      boolean tls,
      int port,
      Path dataDir,
      Map<String, String> extraEnv) {
    Path dir =
        dataDir != null
            ? dataDir
            : Path.of("target/test-data/agents")
                .toAbsolutePath()
                .resolve(name + "-" + System.nanoTime());
    AgentProcess a = new AgentProcess(name, port, dir, tls);
    a.launch(controllerPublicKey, extraEnv);
    return a;
  }

  private void launch(String controllerPublicKey, Map<String, String> extraEnv) {
    Path jar = agentJar();
    try {
      Files.createDirectories(dataDir);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  javaBinary(),
                  "-Xmx64m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = pb.environment();
      env.put("HOMELAB_AGENT_DATA_DIR", dataDir.toString());
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(metricsPort));
      env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
      env.put("HOMELAB_AGENT_TLS_ENABLED", Boolean.toString(tls));
      env.remove("HOMELAB_AGENT_CONTROLLER_PUBLIC_KEY");
      if (controllerPublicKey != null) {
        env.put("HOMELAB_AGENT_CONTROLLER_PUBLIC_KEY", controllerPublicKey);
      }
      env.putAll(extraEnv);
      process = pb.start();
      RUNNING.add(this);
      waitUntilAnswering();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start agent " + name + ": " + e.getMessage(), e);
    }
  }

  private void waitUntilAnswering() {
    HttpClient http = insecureClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("agent " + name + " exited during start-up: " + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/api/ping"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "agent " + name + " did not answer /api/ping within 90 s: " + tail());
  }

  /** {@code http(s)://127.0.0.1:<port>}. */
  public String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Port of the agent's metrics ({@code /metrics}, the management interface: 9100 in production).
   */
  public int metricsPort() {
    return metricsPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The pairing code the agent printed at start (pairing mode only). */
  public String pairingCode() {
    Matcher m = PAIRING_CODE.matcher(logText());
    String code = null;
    while (m.find()) {
      code = m.group(1);
    }
    if (code == null) {
      throw new IllegalStateException("agent " + name + " printed no pairing code: " + tail());
    }
    return code;
  }

  /** Stops the process (SIGTERM, then SIGKILL) and waits for it to end. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(
            java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
            java.util.concurrent.TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    RUNNING.remove(this);
  }

  @Override
  public void close() {
    stop();
  }

  private String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private String tail() {
    String text = logText();
    return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
  }

  static Path agentJar() {
    String root = System.getProperty("homelab.repo.root");
    Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    Path jar = base.resolve("agent/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar "
              + jar
              + " is missing: build the agent first (mvn -pl controller"
              + " -am package builds it, the controller's test scope depends on it)");
    }
    return jar;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Only for waiting on start-up of the test's own agents (self-signed); the controller pins
   * properly.
   */
  private static HttpClient insecureClient() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] c, String a) {}

              @Override
              public void checkServerTrusted(X509Certificate[] c, String a) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          new SecureRandom());
      return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
