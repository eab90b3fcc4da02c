package io.homelab.observer.tracking.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * MLflow's plain-text {@code /health} ("OK") and {@code /version} routes, which clients probe, and
 * its {@code server-info} capability document.
 */
@Path("/")
public class ServerInfoResource {

  /**
   * The MLflow server version we announce, the one our API is tested against. The 3.x Python client
   * reads it only to decide whether the server takes OpenTelemetry spans (3.4 and later), which
   * {@code POST /v1/traces} does.
   */
  public static final String MLFLOW_COMPATIBLE_VERSION = "3.17.2";

  @GET
  @Path("health")
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "OK";
  }

  @GET
  @Path("version")
  @Produces(MediaType.TEXT_PLAIN)
  public String version() {
    return MLFLOW_COMPATIBLE_VERSION;
  }

  /**
   * MLflow 3's capability discovery, open without credentials as in MLflow (the auth filter lets it
   * through): the client asks it before multipart artifact transfers, the web UI on load. Only
   * fixed facts of this server, no secrets or addresses.
   */
  @GET
  @Path("{prefix:api|ajax-api}/3.0/mlflow/server-info")
  @Produces(MediaType.APPLICATION_JSON)
  public ServerInfo serverInfo() {
    return ServerInfo.THIS_SERVER;
  }

  /** What we serve of MLflow's optional features: SQL stores, none of the others. */
  @RegisterForReflection
  public record ServerInfo(
      @JsonProperty("store_type") String storeType,
      @JsonProperty("workspaces_enabled") boolean workspacesEnabled,
      @JsonProperty("trace_archival_enabled") boolean traceArchivalEnabled,
      @JsonProperty("multipart_uploads_enabled") boolean multipartUploadsEnabled,
      @JsonProperty("multipart_downloads_enabled") boolean multipartDownloadsEnabled,
      @JsonProperty("presigned_upload_run_id_supported") boolean presignedUploadRunIdSupported,
      @JsonProperty("presigned_upload_model_id_supported") boolean presignedUploadModelIdSupported,
      @JsonProperty("features_enabled") Map<String, Boolean> featuresEnabled) {

    static final ServerInfo THIS_SERVER =
        new ServerInfo(
            "SqlStore", false, false, false, false, false, false, Map.of("gateway", false));
  }
}
