package io.homelab.observer.common.wire;

/** One published or exposed container port; {@code publicPort} null when only exposed. */
public record PortMapping(String ip, int privatePort, Integer publicPort, String type) {}
