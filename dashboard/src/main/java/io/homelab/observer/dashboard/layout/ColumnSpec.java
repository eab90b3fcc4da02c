package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.widget.Widget;
import io.quarkus.qute.TemplateData;
import java.util.List;

/** A column: {@code small} (fixed width) or {@code full} (takes the rest), widgets stacked. */
@TemplateData
public record ColumnSpec(String size, List<Widget> widgets) {
  public ColumnSpec {
    widgets = List.copyOf(widgets);
  }
}
