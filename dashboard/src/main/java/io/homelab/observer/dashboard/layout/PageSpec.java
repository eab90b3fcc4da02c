package io.homelab.observer.dashboard.layout;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** One page of dashboard.yml: a navigation tab with up to three columns. */
@TemplateData
public record PageSpec(String name, String slug, List<ColumnSpec> columns) {
  public PageSpec {
    columns = List.copyOf(columns);
  }

  /** The navigation key that marks this page's tab as current. */
  public String navKey() {
    return "page:" + slug;
  }
}
