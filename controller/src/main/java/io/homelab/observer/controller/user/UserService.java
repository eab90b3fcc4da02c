package io.homelab.observer.controller.user;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CredentialsChanged;
import io.homelab.observer.controller.security.PasswordHasher;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts: create, change, delete, and the password check behind login. A change and the
 * revocation of the user's tokens it causes commit together ({@link Database#inTransaction}).
 */
@ApplicationScoped
public class UserService {

  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 256;

  /**
   * A hash no password matches, with the real parameters: checked against when the username is
   * unknown, so timing reveals nothing.
   */
  private static final String DECOY_HASH = PasswordHasher.decoy();

  private final Event<CredentialsChanged> credentialsChanged;
  private final InitialPasswordFile initialPassword;
  private final UserStore store;
  private final Database db;

  public UserService(
      Event<CredentialsChanged> credentialsChanged,
      InitialPasswordFile initialPassword,
      UserStore store,
      Database db) {
    this.credentialsChanged = credentialsChanged;
    this.initialPassword = initialPassword;
    this.store = store;
    this.db = db;
  }

  public List<UserView> list() {
    return store.all().stream().map(UserView::of).toList();
  }

  public long count() {
    return store.count();
  }

  public UserView get(String username) {
    return UserView.of(find(username));
  }

  public UserView create(UserRequests.Create req) {
    if (req == null) {
      throw ApiException.badRequest("body {\"username\",\"password\",\"role\"} is required");
    }
    checkUsername(req.username());
    checkPassword(req.password(), "password");
    Role role = Role.parse(req.role());
    // Hash before the transaction: Argon2 takes a while and must not hold the one connection.
    String hash = PasswordHasher.hash(req.password());
    return db.inTransaction(
        () -> {
          if (store.byUsername(req.username()).isPresent()) {
            throw ApiException.conflict("user " + req.username() + " already exists");
          }
          return UserView.of(insertHashed(req.username(), hash, role));
        });
  }

  /** Creates a user without the API's checks on the caller; used by the first-start bootstrap. */
  public UserEntity insert(String username, String password, Role role) {
    return insertHashed(username, PasswordHasher.hash(password), role);
  }

  private UserEntity insertHashed(String username, String hash, Role role) {
    UserEntity u = new UserEntity();
    u.id = UUID.randomUUID().toString();
    u.username = username;
    u.passwordHash = hash;
    u.role = role.wire();
    u.createdAt = System.currentTimeMillis();
    u.updatedAt = u.createdAt;
    store.insert(u);
    return u;
  }

  /**
   * Admin change of password and/or role; either revokes the user's tokens so the change bites at
   * once.
   */
  public UserView update(String username, UserRequests.Update req) {
    if (req == null || (req.password() == null && req.role() == null)) {
      throw ApiException.badRequest("send \"password\" and/or \"role\"");
    }
    return db.inTransaction(
        () -> {
          UserEntity u = find(username);
          if (req.role() != null) {
            Role role = Role.parse(req.role());
            if (Role.parse(u.role) == Role.ADMIN && role != Role.ADMIN && adminCount() <= 1) {
              throw ApiException.conflict("cannot demote the last admin");
            }
            u.role = role.wire();
          }
          if (req.password() != null) {
            checkPassword(req.password(), "password");
            u.passwordHash = PasswordHasher.hash(req.password());
            if ("admin".equals(u.username)) {
              initialPassword.delete();
            }
          }
          u.updatedAt = System.currentTimeMillis();
          store.save(u);
          credentialsChanged.fire(new CredentialsChanged(u.id, null));
          return UserView.of(u);
        });
  }

  public void delete(String username, Principal caller) {
    db.inTransaction(
        () -> {
          UserEntity u = find(username);
          if (u.id.equals(caller.userId())) {
            throw ApiException.conflict("you cannot delete your own account");
          }
          if (Role.parse(u.role) == Role.ADMIN && adminCount() <= 1) {
            throw ApiException.conflict("cannot delete the last admin");
          }
          credentialsChanged.fire(new CredentialsChanged(u.id, null));
          store.delete(u.id);
        });
  }

  /**
   * The caller changes their own password; their other tokens are revoked, the current one stays
   * valid.
   */
  public void changeOwnPassword(Principal caller, UserRequests.ChangePassword req) {
    if (req == null || req.currentPassword() == null) {
      throw ApiException.badRequest("body {\"currentPassword\",\"newPassword\"} is required");
    }
    checkPassword(req.newPassword(), "newPassword");
    db.inTransaction(
        () -> {
          UserEntity u = store.byId(caller.userId()).orElse(null);
          if (u == null || !PasswordHasher.matches(req.currentPassword(), u.passwordHash)) {
            throw ApiException.unauthenticated("current password is wrong");
          }
          u.passwordHash = PasswordHasher.hash(req.newPassword());
          u.updatedAt = System.currentTimeMillis();
          store.save(u);
          credentialsChanged.fire(new CredentialsChanged(u.id, caller.tokenId()));
          if ("admin".equals(u.username)) {
            initialPassword.delete();
          }
        });
  }

  /**
   * The user when the password matches; spends the same Argon2 time when the user does not exist.
   * The hash is compared after the read's transaction: Argon2 must not hold the one connection.
   */
  public Optional<UserEntity> authenticate(String username, String password) {
    Optional<UserEntity> u = username == null ? Optional.empty() : store.byUsername(username);
    boolean ok =
        PasswordHasher.matches(
            password == null ? "" : password, u.map(x -> x.passwordHash).orElse(DECOY_HASH));
    return ok ? u : Optional.empty();
  }

  /** The account with this id, if it still exists. */
  public Optional<UserEntity> byId(String id) {
    return store.byId(id);
  }

  /** The account with this name, if any. */
  public Optional<UserEntity> byUsername(String username) {
    return store.byUsername(username);
  }

  private long adminCount() {
    return store.countWithRole(Role.ADMIN.wire());
  }

  private UserEntity find(String username) {
    return store
        .byUsername(username)
        .orElseThrow(() -> ApiException.notFound("no user " + username));
  }

  static void checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw ApiException.badRequest(
          "username must be 1-64 characters of letters, digits, '.', '_' or '-'");
    }
  }

  static void checkPassword(String password, String field) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw ApiException.badRequest(
          field + " must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }
}
