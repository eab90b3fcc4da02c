package io.homelab.observer.tracking.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MLflow's limits on a GraphQL query (mlflow/server/graphql/graphql_no_batching.py), checked on the
 * parsed document before it runs, so that one request cannot batch many lookups through root fields
 * or aliases, nor nest or fan out without bound: depth 10, 1000 selections, and the configured root
 * fields and aliases per level. Fragments are expanded into their parent's level, each at most once
 * per path, so a cycle of fragments ends.
 */
final class QuerySafety {

  static final int MAX_DEPTH = 10;
  static final int MAX_SELECTIONS = 1000;

  private final int maxRootFields;
  private final int maxAliases;

  QuerySafety(int maxRootFields, int maxAliases) {
    this.maxRootFields = maxRootFields;
    this.maxAliases = maxAliases;
  }

  /** The error message MLflow answers for an unsafe query, or empty when it may run. */
  Optional<String> check(Document document) {
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (FragmentDefinition f : document.getDefinitionsOfType(FragmentDefinition.class)) {
      fragments.put(f.getName(), f);
    }
    int rootFields = 0;
    int aliases = 0;
    int selections = 0;
    for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
      if (op.getSelectionSet() == null) {
        continue;
      }
      Deque<Level> stack = new ArrayDeque<>();
      stack.push(new Level(op.getSelectionSet(), 1, Set.of()));
      while (!stack.isEmpty()) {
        Level level = stack.pop();
        if (level.depth > MAX_DEPTH) {
          return Optional.of("Query exceeds maximum depth of " + MAX_DEPTH);
        }
        Collected collected = collect(level.set, fragments, level.visited);
        for (Field field : collected.fields) {
          if (level.depth == 1) {
            rootFields++;
          }
          if (field.getSelectionSet() != null) {
            stack.push(new Level(field.getSelectionSet(), level.depth + 1, level.visited));
          }
          selections++;
          if (selections > MAX_SELECTIONS) {
            return Optional.of("Query exceeds maximum total selections of " + MAX_SELECTIONS);
          }
        }
        aliases = Math.max(aliases, collected.aliases);
      }
    }
    if (rootFields > maxRootFields) {
      return Optional.of(limitMessage(maxRootFields, "root fields", rootFields, "max-root-fields"));
    }
    if (aliases > maxAliases) {
      return Optional.of(limitMessage(maxAliases, "aliases", aliases, "max-aliases"));
    }
    return Optional.empty();
  }

  private static String limitMessage(int limit, String what, int got, String setting) {
    return "GraphQL queries should have at most "
        + limit
        + " "
        + what
        + ", got "
        + got
        + " "
        + what
        + ". To increase the limit, set homelab.tracking.graphql."
        + setting
        + ".";
  }

  /** The fields of one level, inline fragments and fragment spreads merged in, and its aliases. */
  private static Collected collect(
      SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> visited) {
    List<Field> fields = new ArrayList<>();
    int aliases = 0;
    @SuppressWarnings("rawtypes")
    Deque<Selection> pending = new ArrayDeque<>(set.getSelections());
    Set<String> seen = new HashSet<>(visited);
    while (!pending.isEmpty()) {
      Selection s = pending.poll();
      if (s instanceof Field f) {
        fields.add(f);
        if (f.getAlias() != null) {
          aliases++;
        }
      } else if (s instanceof InlineFragment inline && inline.getSelectionSet() != null) {
        pending.addAll(inline.getSelectionSet().getSelections());
      } else if (s instanceof FragmentSpread spread && seen.add(spread.getName())) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def != null && def.getSelectionSet() != null) {
          pending.addAll(def.getSelectionSet().getSelections());
        }
      }
    }
    return new Collected(fields, aliases);
  }

  private record Level(SelectionSet set, int depth, Set<String> visited) {}

  private record Collected(List<Field> fields, int aliases) {}
}
