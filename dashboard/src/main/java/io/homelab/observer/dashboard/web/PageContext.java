package io.homelab.observer.dashboard.web;

import io.homelab.observer.dashboard.layout.PageSpec;
import io.homelab.observer.dashboard.signin.Session;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the layout needs on every page: who is signed in, which tab is active, the dashboard.yml
 * pages for the navigation and the config error to show, if any.
 */
@TemplateData
public record PageContext(
    Session session,
    String active,
    String title,
    String appTitle,
    List<PageSpec> pages,
    String configError) {}
