package io.homelab.observer.agent.config;

import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ErrorBody;
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
import io.homelab.observer.common.wire.PortMapping;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.PullProgress;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the wire records of {@code common} (which carries no Quarkus annotations) for
 * reflection, so Jackson can read and write them in a native image.
 */
@RegisterForReflection(
    targets = {
      AgentPing.class,
      ContainerAction.class,
      ContainerDetail.class,
      ContainerDetail.State.class,
      ContainerDetail.MountPoint.class,
      ContainerLogs.class,
      ContainerStats.class,
      ContainerSummary.class,
      DeployRequest.class,
      DeployResult.class,
      ErrorBody.class,
      ExecRequest.class,
      ExecResult.class,
      HostInfo.class,
      HostInfo.DiskUsage.class,
      ImagePullRequest.class,
      ImagePullResult.class,
      ImageSummary.class,
      LogLine.class,
      NetworkSummary.class,
      PairRequest.class,
      PairResponse.class,
      PortMapping.class,
      PruneResult.class,
      PullProgress.class,
      VolumeCreateRequest.class,
      VolumeSummary.class
    })
public final class WireReflection {

  private WireReflection() {}
}
