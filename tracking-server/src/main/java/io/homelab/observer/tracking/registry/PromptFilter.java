package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.search.Clause;
import java.util.List;

/**
 * MLflow's prompt rule for registry searches: prompts are registered models (and versions) tagged
 * {@code mlflow.prompt.is_prompt = 'true'}, and a search returns them only when its filter asks for
 * prompts ({@code = 'true'} or {@code != 'false'} on that tag). Otherwise every clause on the tag
 * is dropped and prompts are excluded, so the 3.x client's default filter {@code
 * tags.`mlflow.prompt.is_prompt` != 'true'} keeps the models that lack the tag (MLflow's SQL store,
 * {@code _update_query_to_exclude_prompts}).
 */
record PromptFilter(List<Clause> clauses, boolean queryingPrompts) {

  static final String IS_PROMPT = "mlflow.prompt.is_prompt";

  static PromptFilter of(List<Clause> parsed) {
    boolean prompts = false;
    for (Clause c : parsed) {
      if (isPromptTag(c)) {
        // MLflow decides on the first clause naming the tag.
        prompts =
            c.value() instanceof String v
                && ((c.op().equals("=") && v.equalsIgnoreCase("true"))
                    || (c.op().equals("!=") && v.equalsIgnoreCase("false")));
        break;
      }
    }
    List<Clause> kept = prompts ? parsed : parsed.stream().filter(c -> !isPromptTag(c)).toList();
    return new PromptFilter(kept, prompts);
  }

  /**
   * The condition excluding prompts, for a query whose row has its model name in {@code
   * nameColumn}.
   */
  String exclusion(String tagTable, String nameColumn) {
    if (queryingPrompts) {
      return "1 = 1";
    }
    return "NOT EXISTS (SELECT 1 FROM "
        + tagTable
        + " pt WHERE pt.name = "
        + nameColumn
        + " AND pt.key = '"
        + IS_PROMPT
        + "' AND pt.value = 'true')";
  }

  private static boolean isPromptTag(Clause c) {
    return c.type().equals(Clause.TAG) && c.key().equals(IS_PROMPT);
  }
}
