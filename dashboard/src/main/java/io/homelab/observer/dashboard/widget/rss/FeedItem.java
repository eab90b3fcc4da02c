package io.homelab.observer.dashboard.widget.rss;

import io.quarkus.qute.TemplateData;
import java.time.Instant;

/** One entry of a feed; {@code link} is only ever http(s). */
@TemplateData
public record FeedItem(String title, String link, String source, Instant published) {}
