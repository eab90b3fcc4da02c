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

  /** One attempt that fails: acquire counts it, nothing takes it back. */
  private String fail(LoginRateLimiter l, String user, String address) {
    LoginRateLimiter.Refusal r = l.acquire(user, address);
    return r == null ? null : r.message();
  }

  @Test
  void userIsRefusedAtOneAddressAfterTheLimitAndItsOwnerElsewhereIsNot() {
    for (int i = 0; i < 3; i++) {
      assertThat(fail(limiter, "alice", "10.0.0.1")).isNull();
    }
    assertThat(fail(limiter, "alice", "10.0.0.1")).contains("this user");
    assertThat(fail(limiter, "ALICE", "10.0.0.1"))
        .as("usernames compare case-insensitively")
        .isNotNull();
    assertThat(limiter.acquire("bob", "10.0.0.1")).isNull();
    assertThat(limiter.acquire("alice", "10.0.0.2"))
        .as("a guesser at one address does not lock the account's owner out")
        .isNull();
  }

  @Test
  void addressIsRefusedAfterSprayingManyUsernames() {
    for (int i = 0; i < 5; i++) {
      assertThat(fail(limiter, "user" + i, "192.0.2.7")).isNull();
    }
    assertThat(fail(limiter, "someone-new", "192.0.2.7")).contains("this address");
    assertThat(limiter.acquire("someone-new", "192.0.2.7").username()).isNull();
    assertThat(limiter.acquire("someone-new", "192.0.2.8")).isNull();
  }

  @Test
  void successTakesBackItsAttemptAndClearsTheUserCounterButNotTheAddressCounter() {
    fail(limiter, "carol", "198.51.100.1");
    fail(limiter, "carol", "198.51.100.1");
    assertThat(limiter.acquire("carol", "198.51.100.1")).isNull();
    limiter.succeeded("carol", "198.51.100.1");
    fail(limiter, "carol", "198.51.100.1");
    fail(limiter, "carol", "198.51.100.1");
    assertThat(fail(limiter, "dave", "198.51.100.1")).isNull();
    assertThat(fail(limiter, "erin", "198.51.100.1")).contains("this address");
  }

  @Test
  void parallelAttemptsCountEachOneSoAtMostTheLimitGetThrough() throws Exception {
    LoginRateLimiter l = new LoginRateLimiter(config(5, 100, Duration.ofMinutes(15)));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      results.add(pool.submit(() -> l.acquire("root", "203.0.113.5") == null));
    }
    int admitted = 0;
    for (var f : results) {
      admitted += f.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(admitted).isEqualTo(5);
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() throws InterruptedException {
    LoginRateLimiter shortWindow = new LoginRateLimiter(config(1, 10, Duration.ofMillis(200)));
    fail(shortWindow, "frank", null);
    assertThat(fail(shortWindow, "frank", null)).isNotNull();
    Thread.sleep(300);
    assertThat(fail(shortWindow, "frank", null)).isNull();
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
