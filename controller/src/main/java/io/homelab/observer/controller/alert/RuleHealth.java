package io.homelab.observer.controller.alert;

/**
 * Outcome of a rule's last evaluation.
 *
 * @param health {@code ok}, {@code err} or {@code unknown} (not evaluated yet), as Prometheus says
 */
record RuleHealth(String health, String lastError, long lastEvaluation) {

  static final RuleHealth UNKNOWN = new RuleHealth("unknown", null, 0);
}
