package io.homelab.observer.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.DeployRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every privilege a deploy may ask for is refused with 400 and a message naming why. */
class DeployPolicyTest {

  private final DeployPolicy policy =
      new DeployPolicy(
          List.of("/srv/homelab", "/mnt/media/"), List.of("NET_BIND_SERVICE", "CHOWN"));

  private static DeployRequest with(
      Boolean privileged,
      String net,
      String pid,
      String ipc,
      List<String> caps,
      List<String> devices,
      List<String> volumes) {
    return new DeployRequest(
        "busybox:latest",
        "web",
        null,
        null,
        null,
        volumes,
        null,
        null,
        false,
        privileged,
        net,
        pid,
        ipc,
        caps,
        devices);
  }

  private void refused(DeployRequest r, String reason) {
    assertThatThrownBy(() -> policy.check(r))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(reason);
            });
  }

  @Test
  void refusesPrivilegedHostNamespacesCapabilitiesAndDevices() {
    refused(with(true, null, null, null, null, null, null), "privileged");
    refused(with(null, "host", null, null, null, null, null), "networkMode host");
    refused(with(null, "container:abc", null, null, null, null, null), "networkMode container");
    refused(with(null, null, "host", null, null, null, null), "pidMode host");
    refused(with(null, null, null, "host", null, null, null), "ipcMode host");
    refused(with(null, null, null, null, List.of("SYS_ADMIN"), null, null), "capability SYS_ADMIN");
    refused(with(null, null, null, null, List.of("ALL"), null, null), "capability ALL");
    refused(with(null, null, null, null, null, List.of("/dev/sda:/dev/sda"), null), "devices");
  }

  @Test
  void refusesHostRootSystemDirsDockerSocketAndPathsOutsideTheRoots() {
    refused(with(null, null, null, null, null, null, List.of("/:/host")), "of / ");
    refused(with(null, null, null, null, null, null, List.of("/etc:/etc:ro")), "/etc");
    refused(with(null, null, null, null, null, null, List.of("/proc:/hostproc")), "/proc");
    refused(with(null, null, null, null, null, null, List.of("/sys/fs:/s")), "/sys");
    refused(
        with(
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("/var/run/docker.sock:/var/run/docker.sock")),
        "Docker socket");
    refused(
        with(null, null, null, null, null, null, List.of("/run/docker.sock:/d.sock")),
        "Docker socket");
    refused(
        with(null, null, null, null, null, null, List.of("/home/user:/data")),
        "outside homelab.agent.allowed-bind-roots");
    refused(
        with(null, null, null, null, null, null, List.of("/srv/homelab/../../etc:/data")),
        "relative segments");
    refused(with(null, null, null, null, null, null, List.of("/srv/homelabx:/data")), "outside");
    refused(
        with(null, null, null, null, null, null, List.of("/srv/homelab/a:/data:rshared")),
        "mode rshared");
  }

  @Test
  void acceptsAllowedCapabilitiesNamedVolumesAndBindsUnderTheRoots() {
    DeploySpec spec =
        policy.check(
            with(
                false,
                "bridge",
                null,
                null,
                List.of("cap_net_bind_service"),
                List.of(),
                List.of("data:/data", "/srv/homelab/app:/app:ro", "/mnt/media:/media")));
    assertThat(spec.capAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(spec.mounts())
        .containsExactly(
            new DeploySpec.VolumeMount("data", "/data", false, false),
            new DeploySpec.VolumeMount("/srv/homelab/app", "/app", true, true),
            new DeploySpec.VolumeMount("/mnt/media", "/media", false, true));
  }

  @Test
  void withNoRootsConfiguredEveryBindMountIsRefused() {
    DeployPolicy strict = new DeployPolicy(List.of(), List.of());
    assertThatThrownBy(
            () -> strict.check(with(null, null, null, null, null, null, List.of("/srv/x:/x"))))
        .hasMessageContaining("none configured");
  }

  @Test
  void parsesPortsAndRejectsMalformedInput() {
    assertThat(policy.port("8080:80")).isEqualTo(new DeploySpec.PortBinding(null, 8080, 80, "tcp"));
    assertThat(policy.port("127.0.0.1:53:53/udp"))
        .isEqualTo(new DeploySpec.PortBinding("127.0.0.1", 53, 53, "udp"));
    assertThat(policy.port("127.0.0.1::80"))
        .isEqualTo(new DeploySpec.PortBinding("127.0.0.1", 0, 80, "tcp"));
    assertThat(policy.port("9000")).isEqualTo(new DeploySpec.PortBinding(null, null, 9000, "tcp"));
    assertThatThrownBy(() -> policy.port("99999:80")).hasMessageContaining("ports");
    assertThatThrownBy(() -> policy.port("80/icmp")).hasMessageContaining("protocol");
    assertThatThrownBy(
            () ->
                policy.check(
                    new DeployRequest(
                        null, "x", null, null, null, null, null, null, null, null, null, null, null,
                        null, null)))
        .hasMessageContaining("image is required");
    assertThatThrownBy(
            () ->
                policy.check(
                    new DeployRequest(
                        "busybox",
                        "bad name",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
        .hasMessageContaining("name");
    assertThatThrownBy(
            () ->
                policy.check(
                    new DeployRequest(
                        "busybox",
                        "x",
                        null,
                        null,
                        null,
                        null,
                        "sometimes",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
        .hasMessageContaining("restartPolicy");
  }
}
