package io.homelab.observer.dashboard.web;

import io.homelab.observer.dashboard.layout.DashboardStore;
import io.homelab.observer.dashboard.signin.CurrentSession;
import jakarta.enterprise.context.RequestScoped;

/** Builds the {@link PageContext} of the request being served. */
@RequestScoped
public class Pages {

  private final CurrentSession session;
  private final DashboardStore dashboard;

  public Pages(CurrentSession session, DashboardStore dashboard) {
    this.session = session;
    this.dashboard = dashboard;
  }

  public PageContext context(String active, String title) {
    DashboardStore.Snapshot snap = dashboard.current();
    return new PageContext(
        session.get(), active, title, snap.layout().title(), snap.layout().pages(), snap.error());
  }
}
