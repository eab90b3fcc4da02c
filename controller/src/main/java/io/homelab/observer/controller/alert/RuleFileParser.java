package io.homelab.observer.controller.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a Prometheus rule file ({@code groups: [{name, rules: [{alert, expr, for, labels,
 * annotations}]}]}). Recording rules are refused: this store has no place to write their results.
 */
public final class RuleFileParser {

  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RULE_KEYS =
      Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations");

  private RuleFileParser() {}

  /** Parses {@code yaml}; a problem is an IllegalArgumentException naming the group and rule. */
  public static List<AlertRule> parse(String yaml) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (MarkedYAMLException e) {
      throw new IllegalArgumentException(
          "YAML error at line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new IllegalArgumentException("YAML error: " + e.getMessage());
    }
    if (root == null) {
      return List.of();
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("groups") instanceof List<?> groups)) {
      throw new IllegalArgumentException("the file must be a map with a \"groups\" list");
    }
    List<AlertRule> rules = new ArrayList<>();
    Set<String> groupNames = new HashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      if (!(groups.get(g) instanceof Map<?, ?> group)) {
        throw new IllegalArgumentException("group " + (g + 1) + " is not a map");
      }
      String groupName = text(group.get("name"));
      if (groupName == null || groupName.isBlank()) {
        throw new IllegalArgumentException("group " + (g + 1) + ": groupname must not be empty");
      }
      if (!groupNames.add(groupName)) {
        throw new IllegalArgumentException(
            "groupname: \"" + groupName + "\" is repeated in the same file");
      }
      Object list = group.get("rules");
      if (list == null) {
        continue;
      }
      if (!(list instanceof List<?> items)) {
        throw new IllegalArgumentException("group \"" + groupName + "\": rules must be a list");
      }
      for (int r = 0; r < items.size(); r++) {
        String where = "group \"" + groupName + "\", rule " + (r + 1);
        if (!(items.get(r) instanceof Map<?, ?> rule)) {
          throw new IllegalArgumentException(where + ": not a map");
        }
        rules.add(rule(rule, groupName, where));
      }
    }
    return rules;
  }

  private static AlertRule rule(Map<?, ?> rule, String group, String where) {
    if (rule.containsKey("record")) {
      throw new IllegalArgumentException(
          where + ": recording rules are not supported, only alerting rules (\"alert\")");
    }
    for (Object key : rule.keySet()) {
      if (!RULE_KEYS.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(
            where + ": field " + key + " not found in type rulefmt.Rule");
      }
    }
    String name = text(rule.get("alert"));
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(where + ": invalid alert name: " + name);
    }
    String expr = text(rule.get("expr"));
    if (expr == null || expr.isBlank()) {
      throw new IllegalArgumentException(
          where + " (" + name + "): field 'expr' must be set in rule");
    }
    long forSeconds = 0;
    if (rule.get("for") != null) {
      try {
        forSeconds = PromDuration.parseMillis(text(rule.get("for"))) / 1000;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage());
      }
    }
    return new AlertRule(
        "file:" + group + "/" + name,
        "file",
        group,
        name,
        expr.trim(),
        forSeconds,
        map(rule.get("labels"), where + " (" + name + ") labels", true),
        map(rule.get("annotations"), where + " (" + name + ") annotations", false));
  }

  private static Map<String, String> map(Object value, String where, boolean labelNames) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": must be a map of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          if (!LABEL.matcher(key).matches() || labelNames && key.startsWith("__")) {
            throw new IllegalArgumentException(where + ": invalid name " + key);
          }
          out.put(key, v == null ? "" : text(v));
        });
    return out;
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
