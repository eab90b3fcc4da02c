package io.homelab.observer.dashboard.signin;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;

/**
 * The controller's API as the user of the request being served: every call carries that session's
 * token (so the controller checks the role a second time), and {@link #require} refuses what the
 * role may not do before anything is sent. The pages take this one bean instead of the client and
 * the session side by side.
 */
@ApplicationScoped
public class SignedInController {

  private final ControllerClient client;
  private final CurrentSession session;

  public SignedInController(ControllerClient client, CurrentSession session) {
    this.client = client;
    this.session = session;
  }

  /** The request's session; the session filter has already refused anonymous requests. */
  public Session session() {
    return session.get();
  }

  /** Refuses the request (403 page) unless the user has at least {@code role}. */
  public void require(Role role) {
    session.require(role);
  }

  public JsonNode get(String pathAndQuery) throws UpstreamException {
    return client.get(session.token(), pathAndQuery);
  }

  /**
   * A list the controller answers either as a bare array or as an object holding it under {@code
   * field} ({@code items} when null).
   */
  public JsonNode list(String pathAndQuery, String field) throws UpstreamException {
    return ControllerClient.items(get(pathAndQuery), field);
  }

  public JsonNode post(String path, Object body) throws UpstreamException {
    return client.post(session.token(), path, body);
  }

  public JsonNode patch(String path, Object body) throws UpstreamException {
    return client.patch(session.token(), path, body);
  }

  public JsonNode delete(String pathAndQuery) throws UpstreamException {
    return client.delete(session.token(), pathAndQuery);
  }

  /** A Server-Sent Events stream (container logs with follow), closed by the caller. */
  public InputStream stream(String pathAndQuery) throws UpstreamException {
    return client.stream(session.token(), pathAndQuery);
  }
}
