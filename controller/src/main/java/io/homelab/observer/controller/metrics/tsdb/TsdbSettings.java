package io.homelab.observer.controller.metrics.tsdb;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the store keeps samples.
 *
 * @param dir where blocks and the WAL live ({@code <data-dir>/metrics})
 * @param blockDuration the head is cut into a block when it spans this long
 * @param headMaxBytes the head is cut early when its chunks hold this many bytes (the memory
 *     budget)
 * @param rawRetention raw samples are kept this long, then rolled up
 * @param rollupResolution step of the min/max/avg roll-ups
 * @param rollupRetention roll-ups are kept this long
 * @param compactTo raw blocks older than this many block durations are merged into blocks of this
 *     span
 */
public record TsdbSettings(
    Path dir,
    Duration blockDuration,
    long headMaxBytes,
    Duration rawRetention,
    Duration rollupResolution,
    Duration rollupRetention,
    Duration compactTo) {}
