package io.homelab.observer.controller.error;

import io.homelab.observer.common.error.ApiException;

/**
 * Query parameter parsing with clear 400s. JAX-RS answers 404 when a typed query parameter does not
 * convert ({@code ?limit=abc}), which reads as "no such endpoint"; parsing strings here names the
 * parameter instead.
 */
public final class Params {

  private Params() {}

  /** {@code true|1|false|0}; absent = {@code absent}. */
  public static boolean bool(String name, String value, boolean absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    return switch (value) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.badRequest(name + " must be true or false");
    };
  }

  /** An integer in [min, max], or null when absent. */
  public static Integer integer(String name, String value, int min, int max) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      int v = Integer.parseInt(value);
      if (v < min || v > max) {
        throw ApiException.badRequest(name + " must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name + " must be a whole number between " + min + " and " + max);
    }
  }

  /** A non-negative long, or null when absent. */
  public static Long nonNegativeLong(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long v = Long.parseLong(value);
      if (v < 0) {
        throw ApiException.badRequest(name + " cannot be negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number");
    }
  }
}
