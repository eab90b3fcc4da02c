package io.homelab.observer.tracking.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** MLflow's {@code FileInfo}: a directory has no {@code file_size}. */
@RegisterForReflection
public record FileInfo(
    String path,
    @JsonProperty("is_dir") boolean isDir,
    @JsonProperty("file_size") @JsonInclude(JsonInclude.Include.NON_NULL) Long fileSize) {}
