package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.QueryException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules in force: built-in (unless turned off), those of alerts.yml, and those added through
 * the API.
 */
@ApplicationScoped
public class RuleService {

  private final RuleStore store;
  private final RuleFileWatcher file;
  private final MetricsQuery query;
  private final boolean builtin;
  private volatile List<AlertRule> apiRules;

  public RuleService(
      RuleStore store, RuleFileWatcher file, MetricsQuery query, ControllerConfig config) {
    this.store = store;
    this.file = file;
    this.query = query;
    this.builtin = config.alerts().builtinRules();
  }

  /** Every rule in force, built-in first. */
  public List<AlertRule> rules() {
    List<AlertRule> api = apiRules;
    if (api == null) {
      api = store.all();
      apiRules = api;
    }
    List<AlertRule> all = new ArrayList<>();
    if (builtin) {
      all.addAll(BuiltinRules.all());
    }
    all.addAll(file.rules());
    all.addAll(api);
    return all;
  }

  public RuleFileStatus fileStatus() {
    return file.status();
  }

  public RuleFileStatus reloadFile() {
    return file.reload();
  }

  public AlertRule create(RuleRequests.Save req) {
    AlertRule saved = store.insert(validate(req));
    apiRules = null;
    return saved;
  }

  public AlertRule update(String id, RuleRequests.Save req) {
    AlertRule saved = store.update(id, validate(req));
    apiRules = null;
    return saved;
  }

  public void delete(String id) {
    store.delete(id);
    apiRules = null;
  }

  private AlertRule validate(RuleRequests.Save r) {
    if (r == null) {
      throw ApiException.badRequest("send a rule as a JSON object");
    }
    if (r.name() == null || !RuleFileParser.NAME.matcher(r.name()).matches()) {
      throw ApiException.badRequest("name must be a metric-style name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    String group = r.group() == null || r.group().isBlank() ? "api" : r.group().trim();
    if (group.length() > 200) {
      throw ApiException.badRequest("group must be at most 200 characters");
    }
    if (r.expr() == null || r.expr().isBlank() || r.expr().length() > 4000) {
      throw ApiException.badRequest(
          "expr is required (a PromQL expression, at most 4000 characters)");
    }
    long forSeconds;
    try {
      forSeconds = r.forDuration() == null ? 0 : PromDuration.parseMillis(r.forDuration()) / 1000;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("for: " + e.getMessage());
    }
    checkNames(r.labels(), "labels");
    checkNames(r.annotations(), "annotations");
    checkExpr(r.expr());
    return new AlertRule(
        null, "api", group, r.name(), r.expr().trim(), forSeconds, r.labels(), r.annotations());
  }

  /**
   * A parse error is the client's; an evaluation error may depend on data, so it is left to the
   * rule's health.
   */
  private void checkExpr(String expr) {
    try {
      query.instant(expr, Instant.now());
    } catch (QueryException e) {
      if ("bad_data".equals(e.errorType())) {
        throw ApiException.badRequest("expr: " + e.getMessage());
      }
    }
  }

  private static void checkNames(Map<String, String> map, String what) {
    if (map == null) {
      return;
    }
    map.forEach(
        (k, v) -> {
          if (k == null || !RuleFileParser.LABEL.matcher(k).matches() || k.startsWith("__")) {
            throw ApiException.badRequest(what + ": invalid name " + k);
          }
          if (v == null) {
            throw ApiException.badRequest(what + ": " + k + " has no value");
          }
        });
  }
}
