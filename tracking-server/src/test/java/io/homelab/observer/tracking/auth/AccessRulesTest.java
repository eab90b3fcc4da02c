package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.tracking.auth.AccessRules.OnResource;
import io.homelab.observer.tracking.auth.AccessRules.Target;
import io.homelab.observer.tracking.auth.Permission.Action;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

  @Test
  void onlyHealthIsOpen() {
    assertThat(AccessRules.rule("GET", "/health")).isInstanceOf(AccessRules.Open.class);
    assertThat(AccessRules.rule("GET", "/q/health/ready")).isInstanceOf(AccessRules.Open.class);
    assertThat(AccessRules.rule("GET", "/version")).isInstanceOf(AccessRules.Authenticated.class);
    assertThat(AccessRules.rule("GET", "/healthz")).isInstanceOf(AccessRules.Authenticated.class);
    assertThat(AccessRules.rule("GET", "/q/metrics")).isInstanceOf(AccessRules.Authenticated.class);
  }

  @Test
  void sameRuleUnderEveryPrefix() {
    for (String prefix :
        new String[] {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/", "/api/2.0/preview/mlflow/"}) {
      assertThat(AccessRules.rule("POST", prefix + "runs/log-batch"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.RUN));
    }
  }

  @Test
  void artifactProxyMapsMethodsToReadEditManage() {
    String path = "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x";
    assertThat(AccessRules.rule("GET", path))
        .isEqualTo(new OnResource(Action.READ, Target.ARTIFACT_PATH));
    assertThat(AccessRules.rule("PUT", path))
        .isEqualTo(new OnResource(Action.UPDATE, Target.ARTIFACT_PATH));
    assertThat(AccessRules.rule("DELETE", path))
        .isEqualTo(new OnResource(Action.DELETE, Target.ARTIFACT_PATH));
    assertThat(AccessRules.rule("POST", "/api/2.0/mlflow-artifacts/mpu/create/1/r/x"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.ARTIFACT_PATH));
    assertThat(AccessRules.route("GET", path).orElseThrow().artifactPath())
        .contains("1/r/artifacts/x");
  }

  @Test
  void loggedModelRoutesResolveTheModelFromThePath() {
    assertThat(AccessRules.rule("GET", "/api/2.0/mlflow/logged-models/m-abc"))
        .isEqualTo(new OnResource(Action.READ, Target.LOGGED_MODEL));
    assertThat(AccessRules.rule("PATCH", "/api/2.0/mlflow/logged-models/m-abc"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.LOGGED_MODEL));
    assertThat(AccessRules.rule("DELETE", "/api/2.0/mlflow/logged-models/m-abc"))
        .isEqualTo(new OnResource(Action.DELETE, Target.LOGGED_MODEL));
    assertThat(AccessRules.rule("DELETE", "/api/2.0/mlflow/logged-models/m-abc/tags/k"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.LOGGED_MODEL));
    assertThat(
            AccessRules.route("GET", "/api/2.0/mlflow/logged-models/m-abc")
                .orElseThrow()
                .loggedModelId())
        .contains("m-abc");
    assertThat(AccessRules.rule("POST", "/api/2.0/mlflow/logged-models/search"))
        .isEqualTo(new OnResource(Action.READ, Target.EXPERIMENT_IDS));
  }

  @Test
  void evaluationDatasetsAreDecidedOnTheirExperiments() {
    for (String prefix : new String[] {"/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/"}) {
      assertThat(AccessRules.rule("POST", prefix + "datasets/create"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET_SCOPE));
      assertThat(AccessRules.rule("POST", prefix + "datasets/search"))
          .isEqualTo(new OnResource(Action.READ, Target.DATASET_SCOPE));
      assertThat(AccessRules.rule("GET", prefix + "datasets/search"))
          .isEqualTo(new OnResource(Action.READ, Target.DATASET_SCOPE));
      assertThat(AccessRules.rule("GET", prefix + "datasets/d-1"))
          .isEqualTo(new OnResource(Action.READ, Target.DATASET));
      assertThat(AccessRules.rule("GET", prefix + "datasets/d-1/records"))
          .isEqualTo(new OnResource(Action.READ, Target.DATASET));
      assertThat(AccessRules.rule("GET", prefix + "datasets/d-1/experiment-ids"))
          .isEqualTo(new OnResource(Action.READ, Target.DATASET));
      assertThat(AccessRules.rule("DELETE", prefix + "datasets/d-1"))
          .isEqualTo(new OnResource(Action.DELETE, Target.DATASET));
      assertThat(AccessRules.rule("DELETE", prefix + "datasets/d-1/records"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET));
      assertThat(AccessRules.rule("DELETE", prefix + "datasets/d-1/tags/k"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET));
      assertThat(AccessRules.rule("PATCH", prefix + "datasets/d-1/tags"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET));
      assertThat(AccessRules.rule("POST", prefix + "datasets/d-1/records"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET));
      assertThat(AccessRules.rule("POST", prefix + "datasets/d-1/remove-experiments"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET));
      assertThat(AccessRules.rule("POST", prefix + "datasets/d-1/add-experiments"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.DATASET_AND_EXPERIMENTS));
      assertThat(
              AccessRules.route("GET", prefix + "datasets/d-1/records").orElseThrow().datasetId())
          .contains("d-1");
      assertThat(AccessRules.route("POST", prefix + "datasets/search").orElseThrow().datasetId())
          .isEmpty();
      assertThat(AccessRules.rule("POST", prefix + "traces/metrics"))
          .isEqualTo(new OnResource(Action.READ, Target.EXPERIMENT_IDS));
      assertThat(AccessRules.rule("POST", prefix + "traces/calculate-filter-correlation"))
          .isEqualTo(new OnResource(Action.READ, Target.EXPERIMENT_IDS));
    }
  }

  @Test
  void tracesAreDecidedOnTheirExperiment() {
    for (String prefix :
        new String[] {"/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/", "/api/2.0/mlflow/"}) {
      assertThat(AccessRules.rule("POST", prefix + "traces"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.NEW_TRACE));
      assertThat(AccessRules.rule("POST", prefix + "traces/search"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE_LOCATIONS));
      assertThat(AccessRules.rule("GET", prefix + "traces/get"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE));
      assertThat(AccessRules.rule("GET", prefix + "traces/batchGet"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE_IDS));
      assertThat(AccessRules.rule("POST", prefix + "traces/batchGetInfos"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE_IDS));
      assertThat(AccessRules.rule("POST", prefix + "traces/delete-traces"))
          .isEqualTo(new OnResource(Action.DELETE, Target.EXPERIMENT_ID));
      assertThat(AccessRules.rule("POST", prefix + "traces/link-to-run"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.RUN));
      assertThat(AccessRules.rule("GET", prefix + "traces/tr-1"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE));
      assertThat(AccessRules.rule("PATCH", prefix + "traces/tr-1/tags"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.TRACE));
      assertThat(AccessRules.rule("DELETE", prefix + "traces/tr-1/tags"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.TRACE));
      assertThat(AccessRules.rule("POST", prefix + "traces/tr-1/assessments"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.TRACE));
      assertThat(AccessRules.rule("GET", prefix + "traces/tr-1/assessments/a-1"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE));
      assertThat(AccessRules.rule("DELETE", prefix + "traces/tr-1/assessments/a-1"))
          .isEqualTo(new OnResource(Action.UPDATE, Target.TRACE));
      assertThat(AccessRules.rule("GET", prefix + "get-trace-artifact"))
          .isEqualTo(new OnResource(Action.READ, Target.TRACE));
    }
    assertThat(
            AccessRules.route("GET", "/api/3.0/mlflow/traces/tr-1/assessments/a")
                .orElseThrow()
                .traceId())
        .contains("tr-1");
    assertThat(AccessRules.route("GET", "/api/3.0/mlflow/traces/get").orElseThrow().traceId())
        .isEmpty();
    assertThat(AccessRules.rule("POST", "/v1/traces"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.EXPERIMENT_HEADER));
  }

  @Test
  void unknownMlflowRoutesNeedAnAdmin() {
    assertThat(AccessRules.rule("POST", "/api/2.0/mlflow/webhooks/create"))
        .isInstanceOf(AccessRules.Admin.class);
    // Issue detection (runs an LLM judge) is not served: admin-only like any unknown route.
    assertThat(AccessRules.rule("POST", "/api/3.0/mlflow/issues/invoke"))
        .isInstanceOf(AccessRules.Admin.class);
    assertThat(AccessRules.rule("POST", "/api/3.0/mlflow/issues"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.ISSUE_SCOPE));
    assertThat(AccessRules.rule("PATCH", "/ajax-api/3.0/mlflow/issues/iss-1"))
        .isEqualTo(new OnResource(Action.UPDATE, Target.ISSUE));
    assertThat(AccessRules.rule("POST", "/api/3.0/mlflow/issues/search"))
        .isEqualTo(new OnResource(Action.READ, Target.ISSUE_SCOPE));
    assertThat(AccessRules.rule("POST", "/api/3.0/mlflow/anything-new"))
        .isInstanceOf(AccessRules.Admin.class);
    assertThat(AccessRules.rule("POST", "/api/2.0/homelab/logs"))
        .isInstanceOf(AccessRules.Authenticated.class);
  }

  @Test
  void leadingExperimentIdOnlyWhenNumeric() {
    assertThat(AuthService.leadingExperimentId("12/run/artifacts")).contains("12");
    assertThat(AuthService.leadingExperimentId("12")).contains("12");
    assertThat(AuthService.leadingExperimentId("models/x")).isEmpty();
    assertThat(AuthService.leadingExperimentId("")).isEmpty();
  }

  @Test
  void basicHeaderParsing() {
    assertThat(AuthService.basicCredentials("Basic YWxpY2U6cHc6d2l0aDpjb2xvbnM="))
        .hasValueSatisfying(
            p -> {
              assertThat(p[0]).isEqualTo("alice");
              assertThat(p[1]).isEqualTo("pw:with:colons");
            });
    assertThat(AuthService.basicCredentials("basic YWxpY2U6cHc=")).isPresent();
    assertThat(AuthService.basicCredentials("Basic OnB3")).isEmpty();
    assertThat(AuthService.basicCredentials("Bearer x")).isEmpty();
    assertThat(AuthService.basicCredentials(null)).isEmpty();
  }
}
