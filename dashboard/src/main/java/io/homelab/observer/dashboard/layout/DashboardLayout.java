package io.homelab.observer.dashboard.layout;

import java.util.List;
import java.util.Optional;

/** The parsed dashboard.yml: a title and its pages (the first one is home). */
public record DashboardLayout(String title, List<PageSpec> pages) {
  public DashboardLayout {
    pages = List.copyOf(pages);
  }

  public Optional<PageSpec> page(String slug) {
    return pages.stream().filter(p -> p.slug().equals(slug)).findFirst();
  }
}
