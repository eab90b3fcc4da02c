package io.homelab.observer.controller.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A rule added through the API (table {@code alert_rules}, V021); labels and annotations as JSON.
 */
@Entity
@Table(name = "alert_rules")
public class AlertRuleEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(name = "group_name", nullable = false)
  public String groupName;

  @Column(nullable = false)
  public String expr;

  @Column(name = "for_seconds", nullable = false)
  public long forSeconds;

  @Column(nullable = false)
  public String labels;

  @Column(nullable = false)
  public String annotations;

  @Column(name = "created_at", nullable = false)
  public long createdAt;
}
