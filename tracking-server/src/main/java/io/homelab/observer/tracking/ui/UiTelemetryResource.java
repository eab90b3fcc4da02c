package io.homelab.observer.tracking.ui;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * MLflow's {@code /ajax-api/3.0/mlflow/ui-telemetry}, which its web UI asks on every page load: we
 * send no usage data anywhere, so the answer is MLflow's own "telemetry disabled" configuration and
 * posted records are dropped, as an MLflow server with telemetry disabled does.
 */
@Path("/ajax-api/3.0/mlflow/ui-telemetry")
@Produces(MediaType.APPLICATION_JSON)
public class UiTelemetryResource {

  /** MLflow's FALLBACK_UI_CONFIG (mlflow/telemetry/constant.py). */
  @MlflowJson
  @RegisterForReflection
  public record TelemetryConfig(
      boolean disableUiTelemetry, List<String> disableUiEvents, int uiRolloutPercentage) {}

  @GET
  public TelemetryConfig config() {
    return new TelemetryConfig(true, List.of(), 0);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Map<String, String> record(String ignored) {
    return Map.of("status", "disabled");
  }
}
