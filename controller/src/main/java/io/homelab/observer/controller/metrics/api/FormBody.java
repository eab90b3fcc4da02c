package io.homelab.observer.controller.metrics.api;

import io.homelab.observer.controller.metrics.QueryException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Parameters of Prometheus' HTTP API from the query string and an {@code
 * application/x-www-form-urlencoded} body, as Prometheus reads them: every {@code name=value} pair,
 * a pair without {@code =} has the empty value, empty pairs are skipped, and malformed escapes are
 * {@code bad_data} (400), never an internal error.
 */
final class FormBody {

  private FormBody() {}

  static MultivaluedMap<String, String> parse(String body) {
    MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
    if (body == null || body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      params.add(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return params;
  }

  static MultivaluedMap<String, String> queryOf(UriInfo uri) {
    try {
      return uri.getQueryParameters();
    } catch (IllegalArgumentException e) {
      throw new QueryException("bad_data", "the query string is not validly encoded");
    }
  }

  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new QueryException("bad_data", "the form body is not validly encoded");
    }
  }
}
