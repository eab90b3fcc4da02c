package io.homelab.observer.common.wire;

/**
 * One progress event of an image pull (an SSE {@code data:} of {@code POST /api/images/pull}).
 *
 * @param id layer id, null for whole-image messages
 * @param current bytes done of the layer, null when unknown
 * @param error set on the last event of a failed pull
 */
public record PullProgress(String id, String status, Long current, Long total, String error) {}
