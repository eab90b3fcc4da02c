package io.homelab.observer.tracking.logs.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An ingest token as listed: its name, who made it and when; {@code token} (the secret) is only
 * present in the answer that created it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestToken(
    @JsonProperty("name") String name,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("creation_time") long creationTime,
    @JsonProperty("token") String token) {}
