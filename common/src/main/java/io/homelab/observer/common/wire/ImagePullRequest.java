package io.homelab.observer.common.wire;

/**
 * Body of {@code POST /api/images} and {@code POST /api/images/pull}: {@code repo[:tag]} or a
 * digest.
 */
public record ImagePullRequest(String image) {}
