package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Decides a deploy's {@code networkMode} against the networks dockerd has now: {@code bridge},
 * {@code none}, or a user-defined network named exactly. Docker itself also accepts a network id or
 * any unique id prefix, so "host" could be reached as {@code 3f2a...}; only an exact name is
 * accepted here, and never one whose driver is {@code host} or {@code null}-namespace tricks like
 * {@code container:<id>}.
 */
@Singleton
public class NetworkModeCheck {

  private final DockerClient docker;

  public NetworkModeCheck(DockerClient docker) {
    this.docker = docker;
  }

  /** The mode to apply (null = Docker's default bridge); refused with 400 otherwise. */
  public String check(String requested) {
    if (requested == null || requested.isBlank()) {
      return null;
    }
    String mode = requested.strip();
    String lower = mode.toLowerCase(Locale.ROOT);
    if (lower.equals("bridge") || lower.equals("default")) {
      return "bridge";
    }
    if (lower.equals("none")) {
      return "none";
    }
    if (lower.equals("host") || lower.startsWith("container:") || lower.contains(":")) {
      throw AgentErrors.refused(
          "networkMode " + mode + " is refused: only bridge, none or a network by name");
    }
    List<Network> networks = DockerCalls.run("networks", () -> docker.listNetworksCmd().exec());
    for (Network n : networks) {
      if (mode.equals(n.getName())) {
        String driver = n.getDriver() == null ? "" : n.getDriver();
        if (driver.equals("host") || driver.equals("null") || n.getName().equals("host")) {
          throw AgentErrors.refused(
              "networkMode " + mode + " is refused: it is the host's (or no) network namespace");
        }
        return n.getName();
      }
    }
    // An id or id prefix of any network (the host network's included) is not a name: refused.
    throw AgentErrors.refused(
        "networkMode "
            + mode
            + " is refused: no network has this exact name (ids are not accepted)");
  }
}
