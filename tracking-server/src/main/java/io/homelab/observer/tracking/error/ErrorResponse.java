package io.homelab.observer.tracking.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** MLflow's error body: {@code {"error_code":"RESOURCE_DOES_NOT_EXIST","message":"..."}}. */
@RegisterForReflection
public record ErrorResponse(
    @JsonProperty("error_code") String errorCode, @JsonProperty("message") String message) {

  public static ErrorResponse of(ErrorCode code, String message) {
    return new ErrorResponse(code.name(), message);
  }
}
