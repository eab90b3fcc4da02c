package io.homelab.observer.tracking.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxiedLocationsTest {

  @Test
  void mapsProxiedLocationsUnderTheRoot() {
    assertThat(ProxiedLocations.rootRelative("mlflow-artifacts:/1/abc/artifacts"))
        .contains("1/abc/artifacts");
    assertThat(ProxiedLocations.rootRelative("mlflow-artifacts://host:5000/1/abc/artifacts"))
        .contains("1/abc/artifacts");
    assertThat(
            ProxiedLocations.rootRelative(
                "http://tracking:5000/api/2.0/mlflow-artifacts/artifacts/2/models/m-1/artifacts"))
        .contains("2/models/m-1/artifacts");
  }

  @Test
  void neverServesOtherLocations() {
    assertThat(ProxiedLocations.rootRelative("file:///etc")).isEmpty();
    assertThat(ProxiedLocations.rootRelative("/etc")).isEmpty();
    assertThat(ProxiedLocations.rootRelative("file://./etc#x")).isEmpty();
    assertThat(ProxiedLocations.rootRelative("s3://bucket/x")).isEmpty();
    assertThat(ProxiedLocations.rootRelative("http://evil/x")).isEmpty();
    assertThat(ProxiedLocations.rootRelative(null)).isEmpty();
  }

  @Test
  void refusesUnsafeProxiedPaths() {
    assertThatThrownBy(() -> ProxiedLocations.rootRelative("mlflow-artifacts:/1/../../etc"))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(
            () -> ProxiedLocations.rootRelative("mlflow-artifacts:/1/x%2f..%2f..%2fetc#frag"))
        .isInstanceOf(UnsafeArtifactPathException.class);
  }
}
