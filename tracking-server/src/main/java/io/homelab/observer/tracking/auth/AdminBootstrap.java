package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.config.StartupChecks;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.error.MlflowException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Creates the first admin when auth is on and there is no user yet: with {@code
 * homelab.tracking.auth.admin-password} when set, else with a generated password that is printed
 * once and written to {@code <data-dir>/initial-admin-password} (mode 0600) for the launcher. There
 * is no built-in default password (MLflow's admin/password1234 is CVE-2026-2635).
 */
@Startup
@Singleton
public class AdminBootstrap {

  /** File the launcher reads the generated password from (SPEC.md, launcher). */
  public static final String PASSWORD_FILE = "initial-admin-password";

  private final TrackingConfig config;
  private final StartupChecks startup;
  private final AuthService auth;
  private final AuthStore store;

  public AdminBootstrap(
      TrackingConfig config, StartupChecks startup, AuthService auth, AuthStore store) {
    this.config = config;
    this.startup = startup;
    this.auth = auth;
    this.store = store;
  }

  @PostConstruct
  void createFirstAdmin() {
    if (!config.auth().enabled()) {
      Log.warn(
          "tracking auth is OFF (homelab.tracking.auth.enabled=false): every client has full access");
      return;
    }
    if (store.hasUsers()) {
      return;
    }
    String username = config.auth().adminUsername();
    Optional<String> configured = config.auth().adminPassword().filter(p -> !p.isEmpty());
    String password = configured.orElseGet(AdminBootstrap::generatePassword);
    try {
      auth.createUser(username, password, true);
    } catch (MlflowException e) {
      // Only a configured name or password can be invalid; say which key to fix.
      throw new ConfigurationException(
          "homelab.tracking.auth.admin-username/admin-password: " + e.getMessage());
    }
    if (configured.isPresent()) {
      Log.infof("tracking auth: created admin user '%s' with the configured password", username);
      return;
    }
    Path file = startup.dataDir().resolve(PASSWORD_FILE);
    try {
      writeOwnerOnly(file, password + "\n");
    } catch (IOException e) {
      throw new ConfigurationException("cannot write " + file + ": " + e.getMessage());
    }
    // The one place a secret is printed: the generated first password, once, as the brief requires.
    Log.infof(
        "tracking auth: created admin user '%s' with generated password %s (also in %s; change it with users/update-password)",
        username, password, file);
  }

  static String generatePassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Writes a file readable by its owner only, created with that mode so it is never briefly
   * world-readable.
   */
  static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }
}
