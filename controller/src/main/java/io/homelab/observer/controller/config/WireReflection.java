package io.homelab.observer.controller.config;

import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ErrorBody;
import io.homelab.observer.common.wire.HostInfo;
import io.homelab.observer.common.wire.ImagePullRequest;
import io.homelab.observer.common.wire.ImagePullResult;
import io.homelab.observer.common.wire.ImageSummary;
import io.homelab.observer.common.wire.LogLine;
import io.homelab.observer.common.wire.NetworkSummary;
import io.homelab.observer.common.wire.PairRequest;
import io.homelab.observer.common.wire.PairResponse;
import io.homelab.observer.common.wire.PortMapping;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the {@code common.wire} records for reflection (STYLE.md 2.6: common carries no Quarkus
 * annotations).
 */
@RegisterForReflection(
    targets = {
      AgentPing.class, ContainerAction.class, ContainerDetail.class, ContainerLogs.class,
          ContainerStats.class,
      ContainerSummary.class, DeployRequest.class, DeployResult.class, ErrorBody.class,
          HostInfo.class,
      HostInfo.DiskUsage.class, ImagePullRequest.class, ImagePullResult.class, ImageSummary.class,
          LogLine.class,
      NetworkSummary.class, PairRequest.class, PairResponse.class, PortMapping.class,
          PruneResult.class,
      VolumeCreateRequest.class, VolumeSummary.class
    },
    ignoreNested = false)
public final class WireReflection {
  private WireReflection() {}
}
