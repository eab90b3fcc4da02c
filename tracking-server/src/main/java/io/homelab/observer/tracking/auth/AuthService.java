package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AccessRules.OnResource;
import io.homelab.observer.tracking.auth.AccessRules.Rule;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Authentication (HTTP Basic against PBKDF2 hashes, rate-limited, with a credential cache) and
 * authorisation (MLflow's basic-auth rules, {@link AccessRules}) for every request, plus the user
 * operations behind the users API.
 */
@Singleton
public class AuthService {

  /** MLflow 3's minimum (CVE-2025-11200: weak password requirements). */
  static final int MIN_PASSWORD_LENGTH = 12;

  private final AuthStore store;
  private final ResourceLookup lookup;
  private final PasswordHasher hasher;
  private final LoginRateLimiter limiter;
  private final CredentialCache cache;
  private final HashGate gate = HashGate.forThisMachine();
  private static final int STRIPES = 64;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final VersionSources sources;
  private final Permission defaultPermission;
  private final boolean enabled;

  public AuthService(AuthStore store, ResourceLookup lookup, TrackingConfig config) {
    this.store = store;
    this.enabled = config.auth().enabled();
    this.lookup = lookup;
    this.sources = new VersionSources(lookup);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    TrackingConfig.Auth auth = config.auth();
    this.hasher = new PasswordHasher(auth.passwordHashIterations());
    this.limiter =
        new LoginRateLimiter(
            auth.maxFailedLogins(),
            auth.maxFailedLoginsPerAddress(),
            auth.failedLoginWindow(),
            Clock.systemUTC());
    this.cache = new CredentialCache(auth.credentialCacheTtl(), Clock.systemUTC());
    this.defaultPermission =
        // Operators write config by hand, so the setting takes any case; the API does not.
        Permission.parse(auth.defaultPermission().toUpperCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "homelab.tracking.auth.default-permission="
                            + auth.defaultPermission()
                            + " is not one of READ, USE, EDIT, MANAGE, NO_PERMISSIONS, DENY"));
  }

  /** Result of checking the credentials of a request. */
  public sealed interface Outcome permits Authenticated, Unauthenticated, RateLimited {}

  /** The credentials are right. */
  public record Authenticated(User user) implements Outcome {}

  /** No, malformed or wrong credentials. */
  public record Unauthenticated() implements Outcome {}

  /** Too many failures from this client, or too many password checks at once; retry later. */
  public record RateLimited(Duration retryAfter, String reason) implements Outcome {}

  static final String TOO_MANY_FAILURES = "Too many failed logins from this client; retry later.";
  static final String BUSY = "Too many password checks in progress; retry in a moment.";

  /**
   * Checks an {@code Authorization} header; blocking (a cache miss costs one slow hash), so callers
   * run it off the event loop.
   */
  public Outcome authenticate(String authorization, String address) {
    Optional<String[]> pair = basicCredentials(authorization);
    if (pair.isEmpty()) {
      return new Unauthenticated();
    }
    String username = pair.get()[0];
    String password = pair.get()[1];
    Optional<Duration> wait = limiter.blocked(address, username);
    if (wait.isPresent()) {
      return new RateLimited(wait.get(), TOO_MANY_FAILURES);
    }
    // Read on every request: a deleted user or a changed password takes effect at once.
    Optional<User> user = store.user(username);
    if (user.isPresent() && cache.isVerified(username, password, user.get().passwordHash())) {
      return new Authenticated(user.get());
    }
    // Check, hash and count happen under one lock per client address and user name: parallel
    // guesses are taken one after the other, each seeing the failures before it, so N wrong
    // passwords count as N and at most the limit's worth are hashed; parallel right passwords
    // hash once and find the cache.
    ReentrantLock lock = stripes[Math.floorMod((address + '\0' + username).hashCode(), STRIPES)];
    lock.lock();
    try {
      wait = limiter.blocked(address, username);
      if (wait.isPresent()) {
        return new RateLimited(wait.get(), TOO_MANY_FAILURES);
      }
      Optional<User> current = store.user(username);
      if (current.isPresent()
          && cache.isVerified(username, password, current.get().passwordHash())) {
        return new Authenticated(current.get());
      }
      HashGate.Result result =
          gate.run(
              () -> {
                if (current.isPresent()) {
                  return hasher.verify(password, current.get().passwordHash());
                }
                // Same cost as a real check, so timing does not reveal which user names exist.
                hasher.verifyDummy(password);
                return false;
              });
      if (result == HashGate.Result.BUSY) {
        return new RateLimited(Duration.ofSeconds(1), BUSY);
      }
      if (result == HashGate.Result.NO_MATCH) {
        limiter.recordFailure(address, username);
        return new Unauthenticated();
      }
      cache.remember(username, password, current.get().passwordHash());
      return new Authenticated(current.get());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether {@code user} may make a request governed by {@code rule}; blocking (database reads).
   */
  public boolean permitted(
      User user, Rule rule, String operation, CanonicalRequest fields, Optional<String> pathId) {
    if (user.admin()) {
      return true;
    }
    if (rule instanceof OnResource r) {
      return permittedOn(user, r, operation, fields, pathId);
    }
    if (rule instanceof AccessRules.SelfOrAdmin) {
      return fields.first("username").map(user.username()::equals).orElse(false);
    }
    return !(rule instanceof AccessRules.Admin);
  }

  private boolean permittedOn(
      User user,
      OnResource rule,
      String operation,
      CanonicalRequest fields,
      Optional<String> pathId) {
    Action action = rule.action();
    List<String> experiments = new ArrayList<>();
    switch (rule.target()) {
      case EXPERIMENT_ID -> {
        Optional<String> id = fields.first("experiment_id");
        // MLflow's create_run without experiment_id logs to the default experiment "0".
        if (id.isEmpty() && operation.equals("runs/create")) {
          id = Optional.of("0");
        }
        if (id.isEmpty()) {
          return true; // the handler answers 400 for the missing field
        }
        experiments.add(id.get());
      }
      case EXPERIMENT_NAME -> {
        Optional<String> name = fields.first("experiment_name");
        if (name.isEmpty()) {
          return true;
        }
        Optional<String> id = lookup.experimentIdByName(name.get());
        if (id.isEmpty()) {
          return true; // the handler answers 404, and a 404 tells no more than a 403 would
        }
        experiments.add(id.get());
      }
      case EXPERIMENT_IDS -> experiments.addAll(fields.all("experiment_ids"));
      case RUN -> {
        // run_uuid was folded into run_id by the canonical request, as the handler reads it.
        Optional<String> run = fields.first("run_id");
        if (run.isEmpty()) {
          return true;
        }
        Optional<String> id = lookup.experimentOfRun(run.get());
        if (id.isEmpty()) {
          return true;
        }
        experiments.add(id.get());
      }
      case RUN_IDS -> {
        for (String run : fields.all("run_ids")) {
          lookup.experimentOfRun(run).ifPresent(experiments::add);
        }
      }
      case LOGGED_MODEL -> {
        Optional<String> model = pathId.or(() -> fields.first("model_id"));
        if (model.isEmpty()) {
          return true;
        }
        Optional<String> id = lookup.experimentOfLoggedModel(model.get());
        if (id.isEmpty()) {
          return true;
        }
        experiments.add(id.get());
      }
      case ARTIFACT_PATH -> {
        // The filter passes the canonical path (ArtifactPaths), the very string the store will use.
        Optional<String> experiment = pathId.flatMap(AuthService::leadingExperimentId);
        if (experiment.isEmpty()) {
          // No experiment in the path: MLflow falls back to the default permission.
          return defaultPermission.allows(action);
        }
        experiments.add(experiment.get());
      }
      case TRACE, TRACE_IDS, TRACE_LOCATIONS, NEW_TRACE, EXPERIMENT_HEADER -> {
        TraceTargets.Resolution r = TraceTargets.resolve(rule.target(), fields, pathId, lookup);
        if (r.verdict() != TraceTargets.Verdict.CHECK) {
          return r.verdict() == TraceTargets.Verdict.ALLOW;
        }
        experiments.addAll(r.experiments());
      }
      case MODEL_NAME -> {
        Optional<String> name = fields.first("name");
        if (name.isEmpty()) {
          return true;
        }
        if (!effective(user, Resource.REGISTERED_MODEL, name.get()).allows(action)) {
          return false;
        }
        return switch (operation) {
          case "model-versions/create" ->
              readable(
                  user,
                  sources.ofNewVersion(
                      fields.first("source"), fields.first("run_id"), fields.first("model_id")));
          case "model-versions/get-artifact", "model-versions/get-download-uri" ->
              fields.first("version").isEmpty()
                  || readable(
                      user, sources.ofStoredVersion(name.get(), fields.first("version").get()));
          default -> true;
        };
      }
    }
    for (String experiment : experiments) {
      if (!effective(user, Resource.EXPERIMENT, experiment).allows(action)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the user may READ every resource listed; an empty list (refused source) is false. */
  private boolean readable(User user, Optional<List<VersionSources.Needed>> needed) {
    if (needed.isEmpty()) {
      return false;
    }
    for (VersionSources.Needed n : needed.get()) {
      Permission p =
          n.id().isPresent() ? effective(user, n.resource(), n.id().get()) : defaultPermission;
      if (!p.allows(Action.READ)) {
        return false;
      }
    }
    return true;
  }

  /** The permission of a user on a resource: the explicit grant, else the default permission. */
  public Permission effective(User user, Resource resource, String id) {
    if (user.admin()) {
      return Permission.MANAGE;
    }
    return store.permission(resource, id, user.id()).orElse(defaultPermission);
  }

  /**
   * The users and permissions API exists only with auth on, as MLflow's exists only under {@code
   * --app-name basic-auth}: with auth off nobody could be told apart, so nobody may add users.
   */
  public void requireEnabled() {
    if (!enabled) {
      throw new MlflowException(
          io.homelab.observer.tracking.error.ErrorCode.ENDPOINT_NOT_FOUND,
          "Authentication is disabled on this server (homelab.tracking.auth.enabled=false).");
    }
  }

  /** The default permission (homelab.tracking.auth.default-permission). */
  public Permission defaultPermission() {
    return defaultPermission;
  }

  /** Creates a user after checking name and password (users/create, first admin). */
  public User createUser(String username, String password, boolean admin) {
    validateUsername(username);
    validatePassword(password);
    return store.createUser(username, hasher.hash(password), admin);
  }

  /** Sets a new password and forgets cached verifications of the old one. */
  public void updatePassword(String username, String password) {
    validatePassword(password);
    store.updatePassword(username, hasher.hash(password));
    cache.forget(username);
  }

  public void updateAdmin(String username, boolean admin) {
    store.updateAdmin(username, admin);
    cache.forget(username);
  }

  public void deleteUser(String username) {
    store.deleteUser(username);
    cache.forget(username);
  }

  /** Verifies a password without the cache or rate limiter (self-service password change). */
  public boolean checkPassword(User user, String password) {
    return hasher.verify(password, user.passwordHash());
  }

  static void validateUsername(String username) {
    if (username == null || username.isEmpty()) {
      throw MlflowException.invalid("Username cannot be empty.");
    }
    if (username.length() > 255) {
      throw MlflowException.invalid("Username must be at most 255 characters.");
    }
    // HTTP Basic splits user:password at the first colon, so such a name could never log in.
    if (username.indexOf(':') >= 0 || username.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw MlflowException.invalid("Username must not contain ':' or control characters.");
    }
  }

  static void validatePassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw MlflowException.invalid(
          "Password must be at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
  }

  /**
   * The experiment id an artifact path starts with ({@code <exp>/<run>/artifacts/...}), if numeric.
   */
  static Optional<String> leadingExperimentId(String artifactPath) {
    String p = artifactPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    int slash = p.indexOf('/');
    String first = slash < 0 ? p : p.substring(0, slash);
    return !first.isEmpty() && first.chars().allMatch(Character::isDigit)
        ? Optional.of(first)
        : Optional.empty();
  }

  /** User name and password of a {@code Basic} header, or empty when absent or malformed. */
  static Optional<String[]> basicCredentials(String header) {
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
