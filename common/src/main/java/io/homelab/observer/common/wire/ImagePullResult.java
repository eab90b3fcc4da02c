package io.homelab.observer.common.wire;

/** A finished pull: the reference asked for and the image id it now resolves to. */
public record ImagePullResult(String image, String id, String status) {}
