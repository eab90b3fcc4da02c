package io.homelab.observer.common.wire;

import java.util.Map;

/**
 * Body of {@code POST /api/volumes}; driver defaults to {@code local}, driver options are not
 * offered.
 */
public record VolumeCreateRequest(String name, String driver, Map<String, String> labels) {}
