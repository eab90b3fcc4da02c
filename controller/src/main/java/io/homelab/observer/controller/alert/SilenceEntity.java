package io.homelab.observer.controller.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A silence (table {@code silences}, V022); matchers as JSON. */
@Entity
@Table(name = "silences")
public class SilenceEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String matchers;

  @Column(name = "starts_at", nullable = false)
  public long startsAt;

  @Column(name = "ends_at", nullable = false)
  public long endsAt;

  @Column(name = "created_by")
  public String createdBy;

  public String comment;

  @Column(name = "created_at", nullable = false)
  public long createdAt;
}
