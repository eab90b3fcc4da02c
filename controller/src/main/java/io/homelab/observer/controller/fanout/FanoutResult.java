package io.homelab.observer.controller.fanout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * SPEC.md fan-out shape: {@code {"items":[{"environmentId",...Docker
 * fields}],"errors":[{"environmentId","error", "message"}]}}. Items keep the agent's own fields,
 * with {@code environmentId} and {@code environmentName} added.
 */
@RegisterForReflection
public record FanoutResult(List<ObjectNode> items, List<FanoutError> errors) {
  public FanoutResult {
    items = List.copyOf(items);
    errors = List.copyOf(errors);
  }

  /** One environment that did not answer in time or answered with an error. */
  @RegisterForReflection
  public record FanoutError(
      String environmentId, String environmentName, String error, String message) {}
}
