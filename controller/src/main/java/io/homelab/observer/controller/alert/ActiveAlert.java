package io.homelab.observer.controller.alert;

import java.util.Map;

/** Evaluator-owned state of one alert (one rule, one label set) while it is pending or firing. */
final class ActiveAlert {

  final AlertRule rule;
  final String fingerprint;
  Map<String, String> labels;
  Map<String, String> annotations;
  double value;

  /** {@code pending} or {@code firing}. */
  String state = "pending";

  final long activeSince;
  long firedAt;
  boolean silenced;

  /** When it was last handed to the notifiers while firing; 0 = not yet. */
  long notifiedAt;

  ActiveAlert(AlertRule rule, String fingerprint, long activeSince) {
    this.rule = rule;
    this.fingerprint = fingerprint;
    this.activeSince = activeSince;
  }
}
