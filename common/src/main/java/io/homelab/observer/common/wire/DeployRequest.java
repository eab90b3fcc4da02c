package io.homelab.observer.common.wire;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/containers} (SPEC.md). The last six fields (SPEC's five plus {@code
 * ipcMode}) exist to be refused or checked against the agent's allow-lists: a deploy can never get
 * more than a plain {@code docker run}. Unknown fields are refused with 400 rather than ignored.
 *
 * @param ports {@code "[hostIp:]hostPort:containerPort[/tcp|udp]"}
 * @param volumes {@code "source:/destination[:ro]"}; a source starting with {@code /} is a bind
 *     mount
 * @param restartPolicy no, always, unless-stopped, on-failure[:N]
 * @param pull pull the image first (otherwise only when missing locally)
 */
public record DeployRequest(
    String image,
    String name,
    List<String> command,
    Map<String, String> env,
    List<String> ports,
    List<String> volumes,
    String restartPolicy,
    Map<String, String> labels,
    Boolean pull,
    Boolean privileged,
    String networkMode,
    String pidMode,
    String ipcMode,
    List<String> capAdd,
    List<String> devices) {

  /** A minimal deploy of {@code image} under {@code name}. */
  public static DeployRequest of(String image, String name) {
    return new DeployRequest(
        image, name, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
