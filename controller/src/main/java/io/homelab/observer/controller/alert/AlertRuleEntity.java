package io.homelab.observer.controller.alert;

/**
 * A rule added through the API (table {@code alert_rules}, V021); labels and annotations as JSON.
 */
public class AlertRuleEntity {

  public String id;

  public String name;

  public String groupName;

  public String expr;

  public long forSeconds;

  public String labels;

  public String annotations;

  public long createdAt;
}
