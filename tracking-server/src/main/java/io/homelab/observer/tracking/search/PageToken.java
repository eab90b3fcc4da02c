package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.error.MlflowException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page tokens as MLflow's SQL store makes them: base64 of {@code {"offset": N}}. Opaque to clients;
 * a token that does not decode is INVALID_PARAMETER_VALUE.
 */
public final class PageToken {

  private static final Pattern OFFSET =
      Pattern.compile("^\\{\\s*\"offset\"\\s*:\\s*(\\d{1,10})\\s*}$");

  private PageToken() {}

  /** The offset a token points at; 0 for no token. */
  public static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String json = new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      Matcher m = OFFSET.matcher(json.trim());
      if (m.matches()) {
        long v = Long.parseLong(m.group(1));
        if (v <= Integer.MAX_VALUE) {
          return (int) v;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw MlflowException.invalid("Invalid page token, could not base64-decode");
  }

  /** The token for the page starting at {@code offset}. */
  public static String of(int offset) {
    return Base64.getEncoder()
        .encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
  }
}
