package io.homelab.observer.controller.user;

import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.config.StartupChecks;
import io.homelab.observer.controller.security.Role;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * First start: with no account at all, creates {@code admin} with {@code
 * homelab.controller.admin-password}, or with a generated password that is printed once and written
 * to {@code <data-dir>/initial-admin-password} (0600).
 */
@Startup
@Singleton
public class AdminBootstrap {

  private final UserService users;
  private final ControllerConfig config;
  private final InitialPasswordFile file;

  /**
   * {@code startup} is injected so the data dir and schema are ready first (a @Singleton is built
   * on injection).
   */
  public AdminBootstrap(
      StartupChecks startup, UserService users, ControllerConfig config, InitialPasswordFile file) {
    this.users = users;
    this.config = config;
    this.file = file;
  }

  @PostConstruct
  void createFirstAdmin() {
    if (users.count() > 0) {
      return;
    }
    String password;
    boolean generated = config.adminPassword().filter(p -> !p.isBlank()).isEmpty();
    if (generated) {
      byte[] raw = new byte[18];
      new SecureRandom().nextBytes(raw);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } else {
      password = config.adminPassword().get();
      if (password.length() < UserService.MIN_PASSWORD) {
        throw new ConfigurationException(
            "homelab.controller.admin-password must be at least "
                + UserService.MIN_PASSWORD
                + " characters");
      }
    }
    users.insert("admin", password, Role.ADMIN);
    if (generated) {
      try {
        file.write(password);
      } catch (IOException e) {
        throw new ConfigurationException("cannot write " + file.path() + ": " + e.getMessage());
      }
      // The one place a secret is printed (SPEC.md): the operator has no other way to learn it.
      Log.infof(
          "Created the first account: admin / %s (also in %s; change it with POST /api/auth/password)",
          password, file.path());
    } else {
      Log.info("Created the first account 'admin' with homelab.controller.admin-password");
    }
  }
}
