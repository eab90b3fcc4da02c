package io.homelab.observer.tracking.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The artifact proxy over real HTTP, with raw request targets (java.net.http and a bare socket do
 * not normalise dot segments or re-encode), against the shared test app (auth off; AuthResourceTest
 * covers the same routes with auth on).
 */
@QuarkusTest
class ArtifactResourceTest {

  private static final String API = "/api/2.0/mlflow-artifacts/artifacts";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource URL base;
  @Inject ArtifactStore store;

  Path root;
  Path outside;

  @BeforeEach
  void setUp() throws IOException {
    root = store.root();
    // A sibling of the root: every traversal below aims here, and must neither read, create nor
    // delete.
    outside = Files.createDirectories(root.getParent().resolve("outside-sentinel"));
    Files.writeString(outside.resolve("secret.txt"), "top secret");
  }

  private HttpResponse<String> send(String method, String rawTarget, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + rawTarget));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends a request line exactly as given, for targets java.net.URI refuses (backslash, raw
   * NUL-free junk).
   */
  private String rawRequest(String method, String target) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      String req =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\npwned";
      s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private TreeMap<String, String> snapshotOutsideRoot() throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    Path parent = root.getParent();
    try (Stream<Path> all = Files.walk(parent)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (p.startsWith(root) || p.getFileName().toString().startsWith("mlflow.db")) {
          continue;
        }
        files.put(
            parent.relativize(p).toString(),
            Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
      }
    }
    return files;
  }

  @Test
  void uploadListDownloadDelete() throws Exception {
    String run = "7/" + java.util.UUID.randomUUID().toString().replace("-", "") + "/artifacts";
    HttpResponse<String> put = send("PUT", API + "/" + run + "/model/MLmodel", "flavors: {}");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.body()).isEqualTo("{}");
    assertThat(send("PUT", API + "/" + run + "/notes%20one.txt", "hello").statusCode())
        .isEqualTo(200);

    HttpResponse<String> list = send("GET", API + "?path=" + run, null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode files = JSON.readTree(list.body()).get("files");
    assertThat(files).hasSize(2);
    assertThat(files.get(0).get("path").asText()).isEqualTo("model");
    assertThat(files.get(0).get("is_dir").asBoolean()).isTrue();
    assertThat(files.get(0).has("file_size")).isFalse();
    assertThat(files.get(1).get("path").asText()).isEqualTo("notes one.txt");
    assertThat(files.get(1).get("file_size").asLong()).isEqualTo(5);

    HttpResponse<String> get = send("GET", API + "/" + run + "/notes%20one.txt", null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("hello");
    assertThat(get.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
    assertThat(get.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    assertThat(send("DELETE", API + "/" + run + "/model", null).statusCode()).isEqualTo(200);
    assertThat(root.resolve(run + "/model")).doesNotExist();
    assertThat(root.resolve(run + "/notes one.txt")).exists();
  }

  @Test
  void missingFileIs404AndMissingDirectoryListsEmpty() throws Exception {
    HttpResponse<String> get = send("GET", API + "/7/none/artifacts/x.bin", null);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(get.body()).get("error_code").asText())
        .isEqualTo("RESOURCE_DOES_NOT_EXIST");
    HttpResponse<String> list = send("GET", API + "?path=7/none", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo("{}");
  }

  @Test
  void htmlIsServedAsAnAttachmentNeverInline() throws Exception {
    send("PUT", API + "/7/run1/artifacts/x.html", "<script>alert(1)</script>");
    HttpResponse<String> get = send("GET", API + "/7/run1/artifacts/x.html", null);
    assertThat(get.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");
    assertThat(get.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void multipartUploadIsNotImplementedOnALocalRoot() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    base.toString().replaceAll("/$", "")
                        + "/api/2.0/mlflow-artifacts/mpu/create/7/r/artifacts/big.bin"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"big.bin\",\"num_parts\":2}"))
            .build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).isEqualTo(501);
    assertThat(JSON.readTree(res.body()).get("error_code").asText()).isEqualTo("NOT_IMPLEMENTED");
  }

  /** Every trick of reference/mlflow.md section 6 as the artifact path of PUT, GET and DELETE. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../outside-sentinel/secret.txt",
        "/7/../../outside-sentinel/secret.txt",
        "/%2e%2e/outside-sentinel/secret.txt",
        "/%2E%2E%2Foutside-sentinel%2Fsecret.txt",
        "/%252e%252e%252foutside-sentinel%252fsecret.txt",
        "/%25252e%25252e%25252foutside-sentinel%25252fsecret.txt",
        "/7/..%2f..%2foutside-sentinel%2fsecret.txt",
        "/7/%2e%2e%5c%2e%2e%5coutside-sentinel%5csecret.txt",
        "/%2Fetc%2Fpasswd",
        "//etc/passwd",
        "/%252Fetc%252Fpasswd",
        "/C:%5cWindows%5cwin.ini",
        "/file:%2F%2F%2Fetc%2Fpasswd",
        "/7/x%23/../../../outside-sentinel/secret.txt",
        "/7/x%3f/../../outside-sentinel/secret.txt",
        "/7/..;/..;/outside-sentinel/secret.txt",
        "/7/secret%00.txt",
        "/7/secret%2500.txt",
        "/%c0%ae%c0%ae/outside-sentinel/secret.txt"
      })
  void traversalIsRefusedWith400AndTouchesNothing(String trick) throws Exception {
    TreeMap<String, String> before = snapshotOutsideRoot();
    for (String method : List.of("PUT", "GET", "DELETE")) {
      HttpResponse<String> res = send(method, API + trick, method.equals("PUT") ? "pwned" : null);
      assertThat(res.statusCode()).as(method + " " + trick).isEqualTo(400);
      JsonNode body = JSON.readTree(res.body());
      assertThat(body.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
      assertThat(body.get("message").asText()).isEqualTo("Invalid path");
      assertThat(res.body()).doesNotContain("top secret");
    }
    HttpResponse<String> list = send("GET", API + "?path=" + trick.substring(1), null);
    assertThat(list.statusCode()).as("list " + trick).isEqualTo(400);
    assertThat(snapshotOutsideRoot()).isEqualTo(before);
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }

  @Test
  void rawBackslashAndDotSegmentsInTheRequestLineAreRefused() throws Exception {
    TreeMap<String, String> before = snapshotOutsideRoot();
    for (String target :
        List.of(
            API + "/7/..\\..\\outside-sentinel\\planted.txt",
            API + "/7/../../../outside-sentinel/planted.txt",
            "/health/../api/2.0/mlflow-artifacts/artifacts/7/planted.txt")) {
      String response = rawRequest("PUT", target);
      assertThat(response).as(target).startsWith("HTTP/1.1 400");
    }
    assertThat(snapshotOutsideRoot()).isEqualTo(before);
  }

  @Test
  void symlinkOutOfTheRootIsRefusedOverHttp() throws Exception {
    // A name no experiment's artifact folder has, so a data dir left by an earlier run never
    // collides with it.
    String name = "escape-" + UUID.randomUUID();
    Path link = root.resolve(name);
    Files.createSymbolicLink(link, outside);
    try {
      TreeMap<String, String> before = snapshotOutsideRoot();
      assertThat(send("GET", API + "/" + name + "/secret.txt", null).statusCode()).isEqualTo(400);
      assertThat(send("PUT", API + "/" + name + "/planted.txt", "pwned").statusCode())
          .isEqualTo(400);
      assertThat(send("DELETE", API + "/" + name + "/secret.txt", null).statusCode())
          .isEqualTo(400);
      assertThat(send("GET", API + "?path=" + name, null).statusCode()).isEqualTo(400);
      assertThat(snapshotOutsideRoot()).isEqualTo(before);
    } finally {
      Files.delete(link);
    }
  }
}
