package io.homelab.observer.controller.environment;

import java.util.Map;

/**
 * Current CPU, memory and root file system use per environment name, shown in the environment list.
 * Declared here and implemented by the metrics feature, which already reads environments: the
 * dependency then points one way (metrics on environment), never back.
 */
public interface HostUsage {

  /** Environment name to {cpu %, memory %, root fs %}; a value is null when not scraped. */
  Map<String, Double[]> usage();
}
