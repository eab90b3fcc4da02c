package io.homelab.observer.tracking.wire;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MLflow's proto enums (run status, logged-model status) arrive as a name in any case or as the
 * enum's number; both mean the same value.
 */
public final class ProtoEnum {

  private ProtoEnum() {}

  /**
   * The canonical name of {@code text}: one of {@code names} (case-insensitive), or the number of
   * one, {@code firstNumber} being the number of the first name.
   */
  public static Optional<String> parse(String text, List<String> names, int firstNumber) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (names.contains(upper)) {
      return Optional.of(upper);
    }
    try {
      int index = Integer.parseInt(text) - firstNumber;
      if (index >= 0 && index < names.size()) {
        return Optional.of(names.get(index));
      }
    } catch (NumberFormatException e) {
      // not a number either: refused by the caller with its own message
    }
    return Optional.empty();
  }

  /** As {@link #parse}, refusing an unknown value with INVALID_PARAMETER_VALUE and the message. */
  public static String require(String text, List<String> names, int firstNumber, String refusal) {
    return parse(text, names, firstNumber).orElseThrow(() -> MlflowException.invalid(refusal));
  }
}
