package io.homelab.observer.agent.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.common.wire.NetworkSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Docker networks, read-only (creating networks is not part of the agent API). */
@Singleton
public class NetworkService {

  private final DockerClient docker;

  public NetworkService(DockerClient docker) {
    this.docker = docker;
  }

  public List<NetworkSummary> list() {
    List<Network> networks = DockerCalls.run("networks", () -> docker.listNetworksCmd().exec());
    List<NetworkSummary> out = new ArrayList<>();
    for (Network n : networks) {
      List<String> subnets = new ArrayList<>();
      if (n.getIpam() != null && n.getIpam().getConfig() != null) {
        for (var c : n.getIpam().getConfig()) {
          if (c.getSubnet() != null) {
            subnets.add(c.getSubnet());
          }
        }
      }
      out.add(
          new NetworkSummary(
              n.getId(),
              n.getName(),
              n.getDriver(),
              n.getScope(),
              Boolean.TRUE.equals(n.getInternal()),
              subnets,
              n.getContainers() == null ? 0 : n.getContainers().size(),
              n.getLabels()));
    }
    return out;
  }
}
