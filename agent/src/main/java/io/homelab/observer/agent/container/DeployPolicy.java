package io.homelab.observer.agent.container;

import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.DeployRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Least privilege for deploys (issue 5): whatever a deploy asks, the container it gets can do no
 * more than a plain {@code docker run} of an image with named volumes and the allowed bind roots.
 * Checked in full before any Docker call, so a refused deploy leaves nothing behind.
 *
 * <p>This is the fix for Portainer's "capability = root": its agent passes privileged containers
 * and {@code /:/host} binds straight to Docker.
 */
@Singleton
public class DeployPolicy {

  /**
   * Host paths never bind-mounted, even below an allowed root: they are the host (or Docker)
   * itself.
   */
  static final List<String> FORBIDDEN_BIND_PREFIXES =
      List.of(
          "/etc",
          "/run",
          "/var/run",
          "/var/lib/containerd",
          "/proc",
          "/sys",
          "/dev",
          "/boot",
          "/root",
          "/var/lib/docker",
          "/run/docker",
          "/var/run/docker");

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
  static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,255}");
  static final Pattern RESTART =
      Pattern.compile("no|always|unless-stopped|on-failure(:[0-9]{1,4})?");
  static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._/:@-]{0,254}");
  static final Pattern NETWORK =
      Pattern.compile("bridge|none|default|[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  private final List<Path> allowedRoots;
  private final Set<String> allowedCaps;
  private final Path hostRoot;
  private final List<String> forbidden;

  @Inject
  public DeployPolicy(AgentConfig config) {
    this(
        config.allowedBindRoots().orElse(List.of()),
        config.allowedCapabilities(),
        config.hostRoot(),
        config.dataDir());
  }

  DeployPolicy(List<String> allowedBindRoots, List<String> allowedCapabilities) {
    this(allowedBindRoots, allowedCapabilities, Path.of("/"), null);
  }

  DeployPolicy(
      List<String> allowedBindRoots,
      List<String> allowedCapabilities,
      Path hostRoot,
      Path agentDataDir) {
    this.hostRoot = hostRoot;
    List<String> f = new ArrayList<>(FORBIDDEN_BIND_PREFIXES);
    if (agentDataDir != null) {
      // The agent's keys, pinned controller key and audit file.
      f.add(agentDataDir.toAbsolutePath().normalize().toString());
    }
    this.forbidden = List.copyOf(f);
    List<Path> roots = new ArrayList<>();
    for (String r : allowedBindRoots) {
      if (r == null || r.isBlank()) {
        continue;
      }
      Path p = Path.of(r.strip()).normalize();
      if (!p.isAbsolute()) {
        throw new IllegalArgumentException(
            "homelab.agent.allowed-bind-roots: " + r + " is not absolute");
      }
      roots.add(p);
    }
    this.allowedRoots = List.copyOf(roots);
    this.allowedCaps =
        allowedCapabilities.stream()
            .map(DeployPolicy::capName)
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Checks everything in {@code r} and returns the parsed deploy.
   *
   * @throws ApiException 400 REFUSED naming the reason for privilege requests, 400 BAD_REQUEST for
   *     malformed fields
   */
  public DeploySpec check(DeployRequest r) {
    if (r == null) {
      throw ApiException.badRequest("body must be a deploy object");
    }
    // Privilege requests first: the message names the reason the issue asks for.
    if (Boolean.TRUE.equals(r.privileged())) {
      throw AgentErrors.refused("privileged containers are refused");
    }
    if (r.networkMode() != null && r.networkMode().strip().equalsIgnoreCase("host")) {
      throw AgentErrors.refused("networkMode host (the host's network namespace) is refused");
    }
    if (r.networkMode() != null
        && r.networkMode().strip().toLowerCase(Locale.ROOT).startsWith("container:")) {
      throw AgentErrors.refused(
          "networkMode container:<id> (another container's network namespace) is refused");
    }
    if (r.pidMode() != null && !r.pidMode().isBlank()) {
      throw AgentErrors.refused(
          "pidMode " + r.pidMode() + " is refused: containers keep their own PID namespace");
    }
    if (r.ipcMode() != null
        && !r.ipcMode().isBlank()
        && !r.ipcMode().equals("private")
        && !r.ipcMode().equals("none")) {
      throw AgentErrors.refused("ipcMode " + r.ipcMode() + " is refused: only private or none");
    }
    if (r.devices() != null && !r.devices().isEmpty()) {
      throw AgentErrors.refused("devices are refused: a deploy gets no host device");
    }
    List<String> caps = new ArrayList<>();
    if (r.capAdd() != null) {
      for (String c : r.capAdd()) {
        String name = capName(c == null ? "" : c);
        if (!allowedCaps.contains(name)) {
          throw AgentErrors.refused(
              "capability "
                  + c
                  + " is refused (allowed: "
                  + String.join(", ", allowedCaps.stream().sorted().toList())
                  + ")");
        }
        caps.add(name);
      }
    }
    List<DeploySpec.VolumeMount> mounts = new ArrayList<>();
    if (r.volumes() != null) {
      for (String v : r.volumes()) {
        mounts.add(volume(v));
      }
    }
    // Then plain input validation.
    if (r.image() == null || !IMAGE.matcher(r.image()).matches()) {
      throw ApiException.badRequest("image is required: repository[:tag] or repository@digest");
    }
    if (r.name() != null && !NAME.matcher(r.name()).matches()) {
      throw ApiException.badRequest("name must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    if (r.restartPolicy() != null
        && !r.restartPolicy().isBlank()
        && !RESTART.matcher(r.restartPolicy()).matches()) {
      throw ApiException.badRequest(
          "restartPolicy must be no, always, unless-stopped or on-failure[:N]");
    }
    if (r.networkMode() != null
        && !r.networkMode().isBlank()
        && !NETWORK.matcher(r.networkMode()).matches()) {
      throw ApiException.badRequest("networkMode must be bridge, none or a network name");
    }
    if (r.env() != null) {
      r.env()
          .forEach(
              (k, val) -> {
                if (k == null || !ENV_KEY.matcher(k).matches()) {
                  throw ApiException.badRequest("env: bad variable name " + k);
                }
                if (val == null) {
                  throw ApiException.badRequest("env: " + k + " has no value");
                }
              });
    }
    if (r.command() != null && r.command().stream().anyMatch(c -> c == null)) {
      throw ApiException.badRequest("command: null argument");
    }
    List<DeploySpec.PortBinding> ports = new ArrayList<>();
    if (r.ports() != null) {
      for (String p : r.ports()) {
        ports.add(port(p));
      }
    }
    return new DeploySpec(r, caps, mounts, ports);
  }

  DeploySpec.VolumeMount volume(String spec) {
    if (spec == null || spec.isBlank()) {
      throw ApiException.badRequest("volumes: empty entry");
    }
    String[] parts = spec.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw ApiException.badRequest("volumes: " + spec + " is not source:/destination[:ro]");
    }
    String source = parts[0];
    String destination = parts[1];
    boolean readOnly = false;
    if (parts.length == 3) {
      // Only ro/rw: propagation modes (shared, rshared) could leak host mounts back into the host.
      switch (parts[2]) {
        case "ro" -> readOnly = true;
        case "rw" -> readOnly = false;
        default ->
            throw AgentErrors.refused("volumes: mode " + parts[2] + " is refused (only ro or rw)");
      }
    }
    if (!destination.startsWith("/") || destination.contains("..")) {
      throw ApiException.badRequest(
          "volumes: destination " + destination + " must be an absolute container path");
    }
    if (source.startsWith("/")) {
      return new DeploySpec.VolumeMount(checkBind(source), destination, readOnly, true);
    }
    if (!NAME.matcher(source).matches()) {
      throw ApiException.badRequest(
          "volumes: " + source + " is neither a volume name nor an absolute host path");
    }
    return new DeploySpec.VolumeMount(source, destination, readOnly, false);
  }

  private String checkBind(String source) {
    // ".." is refused outright rather than normalised, so what is checked is what Docker mounts.
    for (String segment : source.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw AgentErrors.refused("bind mount " + source + " is refused: relative segments");
      }
    }
    // Checked after resolution: a symlink planted under an allowed root must not lead out of it.
    Path p;
    try {
      p = HostPaths.realPath(hostRoot, source);
    } catch (IllegalArgumentException e) {
      throw AgentErrors.refused("bind mount " + source + " is refused: " + e.getMessage());
    }
    String norm = p.toString();
    String shown = norm.equals(source) ? source : source + " (really " + norm + ")";
    if (norm.equals("/")) {
      throw AgentErrors.refused("bind mount of / (the host's root) is refused: " + shown);
    }
    if (norm.endsWith("docker.sock")
        || norm.endsWith("containerd.sock")
        || HostPaths.isSpecial(hostRoot, p)) {
      throw AgentErrors.refused(
          "bind mount of the Docker socket or another special file is refused: " + shown);
    }
    for (String bad : forbidden) {
      // Is, lies under, or contains a forbidden path.
      if (norm.equals(bad) || norm.startsWith(bad + "/") || bad.startsWith(norm + "/")) {
        throw AgentErrors.refused("bind mount " + shown + " is refused: it reaches " + bad);
      }
    }
    for (Path root : allowedRoots) {
      Path realRoot = HostPaths.realPath(hostRoot, root.toString());
      if (p.startsWith(realRoot) && !realRoot.toString().equals("/")) {
        return norm;
      }
    }
    throw AgentErrors.refused(
        "bind mount "
            + source
            + " is outside homelab.agent.allowed-bind-roots"
            + (allowedRoots.isEmpty()
                ? " (none configured: use named volumes)"
                : " " + allowedRoots));
  }

  DeploySpec.PortBinding port(String spec) {
    if (spec == null || spec.isBlank()) {
      throw ApiException.badRequest("ports: empty entry");
    }
    String protocol = "tcp";
    String s = spec;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      protocol = s.substring(slash + 1).toLowerCase(Locale.ROOT);
      s = s.substring(0, slash);
      if (!Set.of("tcp", "udp", "sctp").contains(protocol)) {
        throw ApiException.badRequest("ports: protocol " + protocol + " must be tcp, udp or sctp");
      }
    }
    String[] parts = s.split(":", -1);
    try {
      return switch (parts.length) {
        case 1 -> new DeploySpec.PortBinding(null, null, portNumber(parts[0]), protocol);
        case 2 ->
            new DeploySpec.PortBinding(null, hostPort(parts[0]), portNumber(parts[1]), protocol);
        case 3 ->
            new DeploySpec.PortBinding(
                ip(parts[0]), hostPort(parts[1]), portNumber(parts[2]), protocol);
        default -> throw new IllegalArgumentException();
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "ports: " + spec + " is not [hostIp:]hostPort:containerPort[/tcp|udp]");
    }
  }

  /** Empty host port = any free port, as {@code docker run -p 127.0.0.1::80}; reported as 0. */
  private static int hostPort(String s) {
    return s.isEmpty() ? 0 : portNumber(s);
  }

  private static int portNumber(String s) {
    int n = Integer.parseInt(s);
    if (n < 1 || n > 65535) {
      throw new IllegalArgumentException();
    }
    return n;
  }

  private static String ip(String s) {
    if (!s.matches("[0-9.]{7,15}|\\[?[0-9a-fA-F:]+]?")) {
      throw new IllegalArgumentException();
    }
    return s.replace("[", "").replace("]", "");
  }

  static String capName(String c) {
    String n = c.strip().toUpperCase(Locale.ROOT);
    return n.startsWith("CAP_") ? n.substring(4) : n;
  }
}
