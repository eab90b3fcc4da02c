package io.homelab.observer.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.JsonExtensions;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * One list on a page filled from an upstream: the list under its name and no error, or, when the
 * upstream fails, an empty list and the upstream's message under the error key, so the rest of the
 * page still renders.
 */
public final class PageSections {

  private PageSections() {}

  /** An upstream read that may fail. */
  @FunctionalInterface
  public interface Fetch {
    JsonNode get() throws UpstreamException;
  }

  public static TemplateInstance list(
      TemplateInstance t, String name, String errorKey, Fetch fetch) {
    try {
      return t.data(name, JsonExtensions.unwrap(fetch.get())).data(errorKey, null);
    } catch (UpstreamException e) {
      return t.data(name, List.of()).data(errorKey, e.getMessage());
    }
  }
}
