package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.tracking.error.MlflowException;

/**
 * MLflow's answer to a request field of the wrong JSON type ({@code _validate_param_against_schema}
 * with {@code invalid_value}): the value as JSON and its Python type name, so a client that checks
 * the message (MLflow's own tests do) sees the words MLflow's server writes.
 */
final class InvalidValue {

  private InvalidValue() {}

  /** 400 INVALID_PARAMETER_VALUE naming {@code path} and the offending {@code value}. */
  static MlflowException of(String path, JsonNode value) {
    return MlflowException.invalid(
        "Invalid value "
            + value
            + " for parameter '"
            + path
            + "' supplied:  Hint: Value was of type '"
            + pythonType(value)
            + "'. See the API docs for more information about request parameters.");
  }

  /**
   * The type name Python's json module gives the value (MLflow formats it with type().__name__).
   */
  static String pythonType(JsonNode value) {
    if (value == null || value.isNull()) {
      return "NoneType";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    if (value.isNumber()) {
      return "float";
    }
    if (value.isTextual()) {
      return "str";
    }
    return value.isArray() ? "list" : "dict";
  }
}
