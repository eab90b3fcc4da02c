package io.homelab.observer.controller.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class ProxyTrustCheckTest {

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
        .build();
  }

  @Test
  void forwardingWithoutTrustedProxiesIsRefused() {
    assertThatThrownBy(
            () ->
                StartupChecks.checkProxyTrust(
                    config(Map.of("quarkus.http.proxy.proxy-address-forwarding", "true"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trusted-proxies");
  }

  @Test
  void forwardingWithTrustedProxiesOrNoForwardingStarts() {
    assertThatCode(
            () ->
                StartupChecks.checkProxyTrust(
                    config(
                        Map.of(
                            "quarkus.http.proxy.proxy-address-forwarding", "true",
                            "quarkus.http.proxy.trusted-proxies", "127.0.0.1"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> StartupChecks.checkProxyTrust(config(Map.of())))
        .doesNotThrowAnyException();
  }
}
