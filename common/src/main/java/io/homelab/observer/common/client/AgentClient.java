package io.homelab.observer.common.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ExecRequest;
import io.homelab.observer.common.wire.ExecResult;
import io.homelab.observer.common.wire.HostInfo;
import io.homelab.observer.common.wire.ImagePullRequest;
import io.homelab.observer.common.wire.ImagePullResult;
import io.homelab.observer.common.wire.ImageSummary;
import io.homelab.observer.common.wire.LogLine;
import io.homelab.observer.common.wire.NetworkSummary;
import io.homelab.observer.common.wire.PairRequest;
import io.homelab.observer.common.wire.PairResponse;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.PullProgress;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The typed Agent API (SPEC.md "Agent API"): one method per endpoint, over the signed {@link
 * AgentTransport}; plain {@code java.net.http}, shared by the controller, the operator CLI and the
 * tests. Thread-safe; one instance per agent.
 *
 * <p>Every failure is an {@link AgentException}: the agent's own error body with its status, or
 * status 0 when the agent did not answer within the time-outs, so a dead agent costs a caller at
 * most {@code requestTimeout}.
 */
public final class AgentClient {

  /** JSON as the agent writes it (the same mapper the transport reads with). */
  public static final ObjectMapper JSON = AgentTransport.JSON;

  private final AgentTransport transport;

  private AgentClient(Builder b) {
    this.transport =
        new AgentTransport(
            b.baseUrl,
            b.signer,
            b.agentId,
            b.tlsFingerprint,
            b.connectTimeout,
            b.requestTimeout,
            b.maxResponseBytes);
  }

  /** Starts a client for the agent at {@code baseUrl} ({@code http(s)://host:9001}, no path). */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** Options of an {@link AgentClient}. */
  public static final class Builder {
    private final URI baseUrl;
    private RequestSigner signer;
    private String agentId;
    private String tlsFingerprint;
    // Generous enough for a first TLS handshake on a busy small host; a refused connection fails at
    // once anyway.
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    // The largest legitimate answers are container lists and log reads of a busy host.
    private long maxResponseBytes = 32L * 1024 * 1024;

    private Builder(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** Signs every call but ping and pair; without a signer only those two work. */
    public Builder signer(RequestSigner signer) {
      this.signer = signer;
      return this;
    }

    /**
     * The agent's id ({@code agentId} of its ping, stored by the controller at pairing); signed
     * calls need it, as it is the sixth signed line.
     */
    public Builder agentId(String agentId) {
      this.agentId = agentId;
      return this;
    }

    /** Pins the agent's certificate by SHA-256 (from pairing); null = default JDK trust. */
    public Builder tlsFingerprint(String sha256Hex) {
      this.tlsFingerprint =
          sha256Hex == null ? null : PinnedCertificateTrustManager.normalize(sha256Hex);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Deadline for a whole call (not for follow streams, which run until closed). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Largest answer read into memory (default 32 MiB); a larger one fails the call with {@code
     * AGENT_BAD_RESPONSE} and is not read further. Follow streams are capped per event instead.
     */
    public Builder maxResponseBytes(long max) {
      this.maxResponseBytes = max;
      return this;
    }

    public AgentClient build() {
      return new AgentClient(this);
    }
  }

  // ---- unsigned ---------------------------------------------------------------------------------

  /** {@code GET /api/ping}: unsigned; pairing state, Docker reachability, TLS fingerprint. */
  public AgentPing ping() throws AgentException {
    return transport.call("GET", "/api/ping", null, false, AgentPing.class);
  }

  /** {@code POST /api/pair}: pins {@code publicKeyBase64} with the code the agent printed. */
  public PairResponse pair(String code, String publicKeyBase64) throws AgentException {
    return transport.call(
        "POST", "/api/pair", new PairRequest(code, publicKeyBase64), false, PairResponse.class);
  }

  // ---- host
  // --------------------------------------------------------------------------------------

  public HostInfo host() throws AgentException {
    return transport.call("GET", "/api/host", null, true, HostInfo.class);
  }

  // ---- containers
  // --------------------------------------------------------------------------------

  public List<ContainerSummary> containers(boolean all) throws AgentException {
    return transport.call(
        "GET",
        "/api/containers?all=" + all,
        null,
        true,
        new TypeReference<List<ContainerSummary>>() {});
  }

  public ContainerDetail container(String id) throws AgentException {
    return transport.call(
        "GET", "/api/containers/" + segment(id), null, true, ContainerDetail.class);
  }

  /** {@code action}: start, stop, restart, kill, pause or unpause. */
  public ContainerAction containerAction(String id, String action) throws AgentException {
    return transport.call(
        "POST",
        "/api/containers/" + segment(id) + "/" + segment(action),
        null,
        true,
        ContainerAction.class);
  }

  public ContainerAction removeContainer(String id, boolean force, boolean volumes)
      throws AgentException {
    return transport.call(
        "DELETE",
        "/api/containers/" + segment(id) + "?force=" + force + "&volumes=" + volumes,
        null,
        true,
        ContainerAction.class);
  }

  /**
   * Logs without follow.
   *
   * @param tail last N lines, null for all
   * @param since unix seconds, null for the beginning
   */
  public ContainerLogs logs(String id, Integer tail, Long since, boolean timestamps)
      throws AgentException {
    return transport.call(
        "GET", logsPath(id, tail, since, timestamps, false), null, true, ContainerLogs.class);
  }

  /**
   * Follows logs as the agent streams them (SSE); the stream blocks for new lines until closed.
   * Close it (try-with-resources) to end the follow and free the connection.
   */
  public Stream<LogLine> followLogs(String id, Integer tail, Long since, boolean timestamps)
      throws AgentException {
    return transport.stream(
        logsPath(id, tail, since, timestamps, true), "GET", null, LogLine.class);
  }

  public ContainerStats stats(String id) throws AgentException {
    return transport.call(
        "GET", "/api/containers/" + segment(id) + "/stats", null, true, ContainerStats.class);
  }

  public ExecResult exec(String id, List<String> cmd) throws AgentException {
    return transport.call(
        "POST",
        "/api/containers/" + segment(id) + "/exec",
        new ExecRequest(cmd),
        true,
        ExecResult.class);
  }

  /** Creates and starts a container; refused (400) when it asks for more than the agent allows. */
  public DeployResult deploy(DeployRequest request) throws AgentException {
    return transport.call("POST", "/api/containers", request, true, DeployResult.class);
  }

  /**
   * Opens the interactive console ({@code GET /api/containers/{id}/console}, signed upgrade). Text
   * or binary frames sent are the shell's stdin; frames received are its output.
   */
  public CompletableFuture<WebSocket> console(String id, WebSocket.Listener listener) {
    return transport.webSocket("/api/containers/" + segment(id) + "/console", listener);
  }

  // ---- images, volumes, networks
  // -----------------------------------------------------------------

  public List<ImageSummary> images() throws AgentException {
    return transport.call(
        "GET", "/api/images", null, true, new TypeReference<List<ImageSummary>>() {});
  }

  /** Pulls and waits for the end ({@code POST /api/images}). */
  public ImagePullResult pullImage(String image) throws AgentException {
    return transport.call(
        "POST", "/api/images", new ImagePullRequest(image), true, ImagePullResult.class);
  }

  /**
   * Pulls with progress events ({@code POST /api/images/pull}, SSE); close the stream when done.
   */
  public Stream<PullProgress> pullImageWithProgress(String image) throws AgentException {
    return transport.stream(
        "/api/images/pull", "POST", new ImagePullRequest(image), PullProgress.class);
  }

  public void removeImage(String id, boolean force) throws AgentException {
    transport.call(
        "DELETE", "/api/images/" + segment(id) + "?force=" + force, null, true, Void.class);
  }

  /** Removes dangling images ({@code all=false}) or every unused image ({@code all=true}). */
  public PruneResult pruneImages(boolean all) throws AgentException {
    return pruneImages(all, null);
  }

  /**
   * As {@link #pruneImages(boolean)}, limited to images carrying {@code label} ({@code key} or
   * {@code key=value}).
   */
  public PruneResult pruneImages(boolean all, String label) throws AgentException {
    String path =
        "/api/images/prune?all=" + all + (label == null ? "" : "&label=" + segment(label));
    return transport.call("POST", path, null, true, PruneResult.class);
  }

  public List<VolumeSummary> volumes() throws AgentException {
    return transport.call(
        "GET", "/api/volumes", null, true, new TypeReference<List<VolumeSummary>>() {});
  }

  public VolumeSummary createVolume(VolumeCreateRequest request) throws AgentException {
    return transport.call("POST", "/api/volumes", request, true, VolumeSummary.class);
  }

  public void removeVolume(String name, boolean force) throws AgentException {
    transport.call(
        "DELETE", "/api/volumes/" + segment(name) + "?force=" + force, null, true, Void.class);
  }

  public List<NetworkSummary> networks() throws AgentException {
    return transport.call(
        "GET", "/api/networks", null, true, new TypeReference<List<NetworkSummary>>() {});
  }

  // ---- plumbing
  // ----------------------------------------------------------------------------------

  /**
   * A signed request with any method, path and body, answered as raw status and bytes; for tools
   * and for tests that need to see exactly what the agent answers.
   */
  public HttpResponse<byte[]> raw(
      String method, String rawPathWithQuery, byte[] body, boolean signed) throws AgentException {
    return transport.raw(method, rawPathWithQuery, body, signed);
  }

  private static String logsPath(
      String id, Integer tail, Long since, boolean timestamps, boolean follow) {
    StringJoiner q = new StringJoiner("&", "?", "");
    if (tail != null) {
      q.add("tail=" + tail);
    }
    if (since != null) {
      q.add("since=" + since);
    }
    q.add("timestamps=" + timestamps);
    q.add("follow=" + follow);
    return "/api/containers/" + segment(id) + "/logs" + q;
  }

  /** Percent-encodes one path segment; what is signed is exactly this encoded form. */
  static String segment(String value) {
    Objects.requireNonNull(value, "path segment");
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
