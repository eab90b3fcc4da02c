package io.homelab.observer.controller.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A page of the audit log, newest first; {@code nextPageToken} is absent on the last page. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditPage(List<AuditItem> items, String nextPageToken) {
  public AuditPage {
    items = List.copyOf(items);
  }
}
