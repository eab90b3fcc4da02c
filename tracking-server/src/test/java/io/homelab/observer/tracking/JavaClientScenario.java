package io.homelab.observer.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * The official Java client ({@code org.mlflow:mlflow-client}) against our server with auth on:
 * experiments, runs, batch logging, search and metric history; a wrong password is 401. Run once
 * per store by {@link JavaClientTest} (SQLite) and {@link PostgresJavaClientTest}.
 */
abstract class JavaClientScenario {

  static String uri() {
    return "http://127.0.0.1:" + RestAssured.port;
  }

  static MlflowClient client() {
    return new MlflowClient(
        new BasicMlflowHostCreds(uri(), AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD));
  }

  @Test
  void javaClientDrivesExperimentsRunsBatchLoggingAndSearch() {
    try (MlflowClient client = client()) {
      String name = "java-" + UUID.randomUUID();
      String expId = client.createExperiment(name);
      Optional<Service.Experiment> byName = client.getExperimentByName(name);
      assertThat(byName).isPresent();
      assertThat(byName.get().getExperimentId()).isEqualTo(expId);
      assertThat(client.getExperimentByName("missing-" + UUID.randomUUID())).isEmpty();
      client.setExperimentTag(expId, "team", "java");
      assertThat(client.getExperiment(expId).getTagsList())
          .extracting(Service.ExperimentTag::getKey)
          .contains("team");

      List<String> runIds = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        Service.RunInfo info = client.createRun(expId);
        runIds.add(info.getRunId());
        List<Service.Metric> metrics = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
          metrics.add(
              Service.Metric.newBuilder()
                  .setKey("loss")
                  .setValue(1.0 / (step + 1 + r))
                  .setTimestamp(1_700_000_000_000L + step)
                  .setStep(step)
                  .build());
        }
        metrics.add(
            Service.Metric.newBuilder()
                .setKey("nan")
                .setValue(Double.NaN)
                .setTimestamp(1)
                .setStep(0)
                .build());
        client.logBatch(
            info.getRunId(),
            metrics,
            List.of(Service.Param.newBuilder().setKey("rank").setValue(String.valueOf(r)).build()),
            List.of(Service.RunTag.newBuilder().setKey("lang").setValue("java").build()));
        client.logParam(info.getRunId(), "alpha", "0.5");
        client.logMetric(info.getRunId(), "acc", 0.8 + r / 100.0);
        client.setTag(info.getRunId(), "extra", "x");
        client.deleteTag(info.getRunId(), "extra");
        client.setTerminated(info.getRunId(), Service.RunStatus.FINISHED);
      }

      Service.Run run = client.getRun(runIds.get(0));
      assertThat(run.getInfo().getStatus()).isEqualTo(Service.RunStatus.FINISHED);
      assertThat(run.getData().getParamsList())
          .extracting(Service.Param::getKey)
          .containsExactlyInAnyOrder("rank", "alpha");
      assertThat(run.getData().getTagsList())
          .extracting(Service.RunTag::getKey)
          .doesNotContain("extra");
      assertThat(run.getData().getMetricsList())
          .filteredOn(m -> m.getKey().equals("nan"))
          .singleElement()
          .satisfies(m -> assertThat(m.getValue()).isNaN());
      assertThat(client.getMetricHistory(runIds.get(0), "loss")).hasSize(500);

      List<Service.RunInfo> found =
          client.searchRuns(List.of(expId), "params.rank = '1' and tags.lang = 'java'");
      assertThat(found).extracting(Service.RunInfo::getRunId).containsExactly(runIds.get(1));
      RunsPage page =
          client.searchRuns(
              List.of(expId),
              "metrics.acc > 0.805",
              Service.ViewType.ACTIVE_ONLY,
              1,
              List.of("metrics.acc DESC"));
      assertThat(page.getItems())
          .extracting(r -> r.getInfo().getRunId())
          .containsExactly(runIds.get(2));
      assertThat(page.hasNextPage()).isTrue();
      assertThat(page.getNextPage().getItems())
          .extracting(r -> r.getInfo().getRunId())
          .containsExactly(runIds.get(1));

      client.deleteRun(runIds.get(2));
      assertThat(client.searchRuns(List.of(expId), "", Service.ViewType.DELETED_ONLY))
          .extracting(Service.RunInfo::getRunId)
          .containsExactly(runIds.get(2));
      client.restoreRun(runIds.get(2));

      String renamed = name + "-renamed";
      client.renameExperiment(expId, renamed);
      assertThat(client.searchExperiments("name = '" + renamed + "'").getItems())
          .extracting(Service.Experiment::getExperimentId)
          .containsExactly(expId);
      client.deleteExperiment(expId);
      assertThat(client.getExperiment(expId).getLifecycleStage()).isEqualTo("deleted");
      client.restoreExperiment(expId);
    }
  }

  @Test
  void javaClientWithWrongPasswordGets401() {
    try (MlflowClient client =
        new MlflowClient(
            new BasicMlflowHostCreds(uri(), AcceptanceProfile.ADMIN, "wrong-password"))) {
      assertThatThrownBy(() -> client.getExperiment("0"))
          .isInstanceOfSatisfying(
              MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }
  }

  @Test
  void javaClientErrorsCarryMlflowErrorCodes() {
    try (MlflowClient client = client()) {
      assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
          .isInstanceOfSatisfying(
              MlflowHttpException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(404);
                assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
              });
    }
  }
}
