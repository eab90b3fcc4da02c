package io.homelab.observer.common.wire;

import java.util.List;

/** Body of {@code POST /api/containers/{id}/exec}: argv of the command, no shell implied. */
public record ExecRequest(List<String> cmd) {}
