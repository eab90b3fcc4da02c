package io.homelab.observer.controller.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * One account (table {@code users}, V001). The password is only ever stored as an Argon2id hash.
 */
@Entity
@Table(name = "users")
public class UserEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false, unique = true)
  public String username;

  @Column(name = "password_hash", nullable = false)
  public String passwordHash;

  /** {@code admin|operator|viewer}. */
  @Column(nullable = false)
  public String role;

  @Column(name = "created_at", nullable = false)
  public long createdAt;

  @Column(name = "updated_at", nullable = false)
  public long updatedAt;

  public static Optional<UserEntity> byUsername(String username) {
    return find("username", username).firstResultOptional();
  }
}
