package io.homelab.observer.controller.discovery;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One entry of Prometheus's HTTP service discovery answer: {@code
 * {"targets":[...],"labels":{...}}}.
 */
@RegisterForReflection
public record SdTargetGroup(List<String> targets, Map<String, String> labels) {}
