package io.homelab.observer.tracking.registry;

import java.util.Set;

/**
 * The placeholder sources of prompt versions (MLflow's prompt registry keeps a prompt's template in
 * version tags; the CreateModelVersion source is required, so its senders put {@code dummy-source},
 * the store {@code prompt-template}). A placeholder names nothing to read.
 */
public final class PromptSources {

  private PromptSources() {}

  private static final Set<String> PLACEHOLDERS = Set.of("dummy-source", "prompt-template");

  public static boolean isPlaceholder(String source) {
    return PLACEHOLDERS.contains(source);
  }
}
