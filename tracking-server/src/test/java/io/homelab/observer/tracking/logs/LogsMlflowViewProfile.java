package io.homelab.observer.tracking.logs;

import io.homelab.observer.tracking.AcceptanceProfile;
import java.util.Map;

/** Auth on as in acceptance, with the MLflow view of logs flushed twice a second. */
public class LogsMlflowViewProfile extends AcceptanceProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new java.util.HashMap<>(super.getConfigOverrides());
    config.put("homelab.tracking.logs.mlflow-view.flush-interval", "500ms");
    return config;
  }
}
