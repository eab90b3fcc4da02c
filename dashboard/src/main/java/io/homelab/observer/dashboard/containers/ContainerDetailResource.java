package io.homelab.observer.dashboard.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.signin.Role;
import io.homelab.observer.dashboard.signin.SignedInController;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * One container: state, recent logs, logs followed live (the controller's Server-Sent Events passed
 * through, so the browser never holds a controller token), and the deploy form.
 */
@Path("/containers")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ContainerDetailResource {

  private final SignedInController controller;
  private final Pages pages;
  private final Template detail;
  private final Template notice;

  public ContainerDetailResource(
      SignedInController controller,
      Pages pages,
      @Location("containers/detail.html") Template detail,
      @Location("fragments/notice.html") Template notice) {
    this.controller = controller;
    this.pages = pages;
    this.detail = detail;
    this.notice = notice;
  }

  @GET
  @Path("/{env}/{cid}")
  public TemplateInstance detail(@RestPath String env, @RestPath String cid) {
    String base = base(env, cid);
    TemplateInstance t =
        detail.data("ctx", pages.context("containers", cid)).data("env", env).data("cid", cid);
    try {
      JsonNode c = controller.get(base);
      JsonNode logs = controller.get(base + "/logs?tail=200&timestamps=true");
      List<String> lines = new ArrayList<>();
      JsonNode arr =
          logs.isArray() ? logs : logs.has("lines") ? logs.path("lines") : logs.path("items");
      arr.forEach(
          l ->
              lines.add(
                  (l.path("timestamp").asText("") + " " + l.path("message").asText(l.asText()))
                      .trim()));
      return t.data("c", c).data("lines", lines).data("error", null);
    } catch (UpstreamException e) {
      return t.data("c", null).data("lines", List.of()).data("error", e.getMessage());
    }
  }

  /** Follows the logs: the controller's SSE stream copied through as it arrives. */
  @GET
  @Path("/{env}/{cid}/logs/follow")
  @Produces("text/event-stream")
  public StreamingOutput follow(@RestPath String env, @RestPath String cid)
      throws UpstreamException {
    InputStream in =
        controller.stream(base(env, cid) + "/logs?follow=true&tail=50&timestamps=true");
    return out -> {
      try (in) {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // The browser went away (or the agent did): closing the upstream ends the controller's
        // stream too.
      }
    };
  }

  /** The deploy form (operator): image, name, ports, env, restart policy. */
  @POST
  @Path("/deploy")
  public String deploy(
      @RestForm String environment,
      @RestForm String image,
      @RestForm String name,
      @RestForm String ports,
      @RestForm String env,
      @RestForm String restartPolicy)
      throws UpstreamException {
    controller.require(Role.OPERATOR);
    if (environment == null || environment.isBlank() || image == null || image.isBlank()) {
      throw new IllegalArgumentException("Choose a host and an image.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("image", image.trim());
    if (name != null && !name.isBlank()) body.put("name", name.trim());
    if (ports != null && !ports.isBlank())
      body.put("ports", List.of(ports.trim().split("\\s*,\\s*")));
    if (env != null && !env.isBlank()) {
      Map<String, String> vars = new LinkedHashMap<>();
      for (String line : env.split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0) vars.put(line.substring(0, eq).trim(), line.substring(eq + 1));
      }
      body.put("env", vars);
    }
    if (restartPolicy != null && !restartPolicy.isBlank()) body.put("restartPolicy", restartPolicy);
    body.put("pull", true);
    JsonNode r =
        controller.post(
            "/api/environments/" + ControllerClient.enc(environment) + "/containers", body);
    return notice
        .data("kind", "ok")
        .data(
            "message",
            "Deployed "
                + r.path("name").asText(image)
                + " ("
                + r.path("id").asText("").replaceAll("^(.{12}).*", "$1")
                + ").")
        .render();
  }

  private static String base(String env, String cid) {
    return "/api/environments/"
        + ControllerClient.enc(env)
        + "/containers/"
        + ControllerClient.enc(cid);
  }
}
