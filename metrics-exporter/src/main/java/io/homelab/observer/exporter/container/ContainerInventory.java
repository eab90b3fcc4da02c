package io.homelab.observer.exporter.container;

import java.io.IOException;
import java.util.List;

/**
 * Lists every container on the host, running or not. The agent implements it on docker-java; the
 * collector only reads cgroups and /proc, so this library stays free of a Docker client.
 */
@FunctionalInterface
public interface ContainerInventory {

  /** All containers, stopped ones included; throws when the engine cannot be reached. */
  List<ContainerInfo> containers() throws IOException;
}
