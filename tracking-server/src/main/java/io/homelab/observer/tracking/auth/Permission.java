package io.homelab.observer.tracking.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * MLflow basic-auth permissions (mlflow/server/auth/permissions.py): what each level allows on an
 * experiment (and so its runs and artifacts) or a registered model.
 */
public enum Permission {
  NO_PERMISSIONS(false, false, false, false),
  READ(true, false, false, false),
  USE(true, false, false, false),
  EDIT(true, true, false, false),
  MANAGE(true, true, true, true),
  /**
   * MLflow 3's explicit refusal on one resource, what a manager grants to shut a user out (the 2.x
   * NO_PERMISSIONS grant is gone from MLflow's API; stored rows of it still count).
   */
  DENY(false, false, false, false);

  private final boolean canRead;
  private final boolean canUpdate;
  private final boolean canDelete;
  private final boolean canManage;

  Permission(boolean canRead, boolean canUpdate, boolean canDelete, boolean canManage) {
    this.canRead = canRead;
    this.canUpdate = canUpdate;
    this.canDelete = canDelete;
    this.canManage = canManage;
  }

  /** Whether this permission grants {@code action}. */
  public boolean allows(Action action) {
    return switch (action) {
      case READ -> canRead;
      case UPDATE -> canUpdate;
      case DELETE -> canDelete;
      case MANAGE -> canManage;
    };
  }

  /** Parses a permission name as MLflow spells it (upper case); empty when unknown. */
  public static Optional<Permission> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * What a request wants to do with a resource; mapped from route and method by {@link
   * AccessRules}.
   */
  public enum Action {
    READ,
    UPDATE,
    DELETE,
    MANAGE
  }
}
