package io.homelab.observer.controller.alert;

/** A silence (table {@code silences}, V022); matchers as JSON. */
public class SilenceEntity {

  public String id;

  public String matchers;

  public long startsAt;

  public long endsAt;

  public String createdBy;

  public String comment;

  public long createdAt;
}
