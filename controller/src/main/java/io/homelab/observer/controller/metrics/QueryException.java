package io.homelab.observer.controller.metrics;

/**
 * A PromQL expression that does not parse or cannot be evaluated; the message is Prometheus's error
 * text.
 */
public class QueryException extends RuntimeException {

  /**
   * Prometheus's errorType: {@code bad_data} for parse errors, {@code execution} for evaluation
   * errors.
   */
  private final String errorType;

  public QueryException(String errorType, String message) {
    super(message);
    this.errorType = errorType;
  }

  public String errorType() {
    return errorType;
  }
}
