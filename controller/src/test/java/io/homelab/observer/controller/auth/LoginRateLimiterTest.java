package io.homelab.observer.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.config.ControllerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  private final LoginRateLimiter limiter =
      new LoginRateLimiter(config(3, 5, Duration.ofMinutes(15)));

  @Test
  void userIsRefusedAfterTheLimitAndOthersAreNot() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.refusal("alice", "10.0.0." + i)).isNull();
      limiter.failed("alice", "10.0.0." + i);
    }
    assertThat(limiter.refusal("alice", "10.0.0.9")).contains("this user");
    assertThat(limiter.refusal("ALICE", "10.0.0.9"))
        .as("usernames compare case-insensitively")
        .isNotNull();
    assertThat(limiter.refusal("bob", "10.0.0.9")).isNull();
  }

  @Test
  void addressIsRefusedAfterSprayingManyUsernames() {
    for (int i = 0; i < 5; i++) {
      limiter.failed("user" + i, "192.0.2.7");
    }
    assertThat(limiter.refusal("someone-new", "192.0.2.7")).contains("this address");
    assertThat(limiter.refusal("someone-new", "192.0.2.8")).isNull();
  }

  @Test
  void successClearsTheUserCounterButNotTheAddressCounter() {
    limiter.failed("carol", "198.51.100.1");
    limiter.failed("carol", "198.51.100.1");
    limiter.succeeded("carol");
    limiter.failed("carol", "198.51.100.1");
    limiter.failed("carol", "198.51.100.1");
    assertThat(limiter.refusal("carol", "198.51.100.2")).isNull();
    limiter.failed("dave", "198.51.100.1");
    assertThat(limiter.refusal("erin", "198.51.100.1")).contains("this address");
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() throws InterruptedException {
    LoginRateLimiter shortWindow = new LoginRateLimiter(config(1, 10, Duration.ofMillis(200)));
    shortWindow.failed("frank", null);
    assertThat(shortWindow.refusal("frank", null)).isNotNull();
    Thread.sleep(300);
    assertThat(shortWindow.refusal("frank", null)).isNull();
  }

  static ControllerConfig config(int perUser, int perAddress, Duration window) {
    ControllerConfig.Auth auth =
        new ControllerConfig.Auth() {
          @Override
          public Duration sessionTtl() {
            return Duration.ofHours(12);
          }

          @Override
          public Duration apiTokenMaxTtl() {
            return Duration.ofDays(365);
          }

          @Override
          public int maxFailuresPerUser() {
            return perUser;
          }

          @Override
          public int maxFailuresPerAddress() {
            return perAddress;
          }

          @Override
          public Duration loginWindow() {
            return window;
          }
        };
    return new ControllerConfig() {
      @Override
      public Path dataDir() {
        return Path.of("unused");
      }

      @Override
      public Optional<String> adminPassword() {
        return Optional.empty();
      }

      @Override
      public Auth auth() {
        return auth;
      }

      @Override
      public Agents agents() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Duration scrapeInterval() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Monitors monitors() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Scrape scrape() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Alerts alerts() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Retention retention() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Notify notifications() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Tsdb tsdb() {
        throw new UnsupportedOperationException();
      }

      @Override
      public RemoteWrite remoteWrite() {
        throw new UnsupportedOperationException();
      }
    };
  }
}
