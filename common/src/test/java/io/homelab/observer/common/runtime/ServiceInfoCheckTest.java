package io.homelab.observer.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceInfoCheckTest {

  @Test
  void theServiceNameIsTheApplicationNameWithoutTheProjectPrefix() {
    assertThat(ServiceInfoCheck.serviceName("homelab-tracking-server"))
        .isEqualTo("tracking-server");
    assertThat(ServiceInfoCheck.serviceName("homelab-agent")).isEqualTo("agent");
    assertThat(ServiceInfoCheck.serviceName("my-own-name")).isEqualTo("my-own-name");
  }
}
