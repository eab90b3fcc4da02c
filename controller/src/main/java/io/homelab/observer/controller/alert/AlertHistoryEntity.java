package io.homelab.observer.controller.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One alert state change (table {@code alert_history}, V023). */
@Entity
@Table(name = "alert_history")
public class AlertHistoryEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false)
  public long at;

  @Column(name = "rule_id", nullable = false)
  public String ruleId;

  @Column(name = "alert_name", nullable = false)
  public String alertName;

  @Column(nullable = false)
  public String fingerprint;

  /** {@code pending}, {@code firing} or {@code resolved}. */
  @Column(nullable = false)
  public String state;

  @Column(nullable = false)
  public String labels;

  public Double value;

  @Column(nullable = false)
  public boolean silenced;
}
