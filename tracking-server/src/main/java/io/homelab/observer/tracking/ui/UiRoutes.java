package io.homelab.observer.tracking.ui;

import io.homelab.observer.tracking.config.TrackingConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * MLflow's web UI, served as MLflow's own server does (mlflow/server/__init__.py): {@code /} is the
 * landing page, {@code /static-files/<path>} the build's files with a four-week cache (their names
 * carry a content hash); nothing else. The routes exist only when {@code homelab.tracking.ui-dir}
 * is set. They sit behind the same auth filter as the API, so a browser gets the basic-auth prompt.
 */
@Singleton
public class UiRoutes {

  static final String SETTING = "homelab.tracking.ui-dir";
  static final String STATIC_PREFIX = "/static-files/";

  /** MLflow's max_age for static files: 28 days. */
  static final String STATIC_CACHE = "public, max-age=2419200";

  /** The landing page names the current bundle, so it is revalidated every time. */
  static final String INDEX_CACHE = "no-cache";

  private final Optional<UiDirectory> ui;

  public UiRoutes(TrackingConfig config) {
    this.ui = config.uiDir().map(dir -> UiDirectory.open(dir, SETTING));
  }

  /** Instantiates the bean at start-up, so a wrong {@code ui-dir} stops the server at once. */
  void check(@Observes StartupEvent event) {
    ui.ifPresent(UiDirectory::root);
  }

  void register(@Observes Router router) {
    if (ui.isEmpty()) {
      return;
    }
    for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
      router
          .route(method, "/")
          .blockingHandler(rc -> send(rc, ui.get().index(), INDEX_CACHE), false);
      router
          .route(method, STATIC_PREFIX + "*")
          .blockingHandler(rc -> send(rc, ui.get().file(relative(rc)), STATIC_CACHE), false);
    }
  }

  /** The path after {@code /static-files/}, percent-decoded ({@code +} is a plus in a path). */
  static String relative(RoutingContext rc) {
    String raw = rc.request().path();
    int at = raw.indexOf(STATIC_PREFIX);
    String rest = at < 0 ? "" : raw.substring(at + STATIC_PREFIX.length());
    try {
      return URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static void send(RoutingContext rc, Optional<Path> file, String cacheControl) {
    if (file.isEmpty()) {
      rc.response()
          .setStatusCode(404)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("Not Found");
      return;
    }
    Path path = file.get();
    String type = MimeMapping.getMimeTypeForFilename(path.getFileName().toString());
    if (type == null) {
      type = "application/octet-stream";
    } else if (type.startsWith("text/") || type.equals("application/javascript")) {
      type = type + "; charset=utf-8";
    }
    rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, type)
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .sendFile(path.toString());
  }
}
