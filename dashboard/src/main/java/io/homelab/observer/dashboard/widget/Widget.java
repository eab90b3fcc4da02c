package io.homelab.observer.dashboard.widget;

import io.homelab.observer.dashboard.upstream.UpstreamException;
import java.time.Duration;

/**
 * One dashboard.yml widget (glance's model, STYLE.md 2.13): its own props, a refresh interval, and
 * a render of its body that may fail with an upstream error shown inside the widget's frame.
 */
public interface Widget {

  /** The {@code type} in dashboard.yml. */
  String type();

  /** Header text. */
  String title();

  /**
   * How long a render is reused, and how often the browser reloads the widget; zero = never
   * reloaded automatically.
   */
  Duration cache();

  /** The widget body as HTML. */
  String render(WidgetContext ctx) throws UpstreamException;

  /** Refresh interval in whole seconds for the page ({@code hx-trigger="every Ns"}). */
  default long refreshSeconds() {
    return cache().toSeconds();
  }

  /**
   * True when the body depends on who looks (their token reads the controller, their role shows
   * buttons): cached per user then.
   */
  default boolean perUser() {
    return false;
  }
}
