package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * State of {@code <data-dir>/alerts.yml}.
 *
 * @param present whether the file exists
 * @param loadedAt when the rules in use were read; null if none were ever read
 * @param error why the current file content is not used (the last good rules stay); null if fine
 * @param rules rules in use from the file
 */
@RegisterForReflection
public record RuleFileStatus(
    String path, boolean present, Instant loadedAt, String error, int rules) {}
