package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** The rules added through the API. */
@ApplicationScoped
public class RuleStore {

  @Transactional
  public List<AlertRule> all() {
    List<AlertRuleEntity> list = AlertRuleEntity.list("order by groupName, name");
    return list.stream().map(RuleStore::rule).toList();
  }

  @Transactional
  public AlertRule insert(AlertRule r) {
    checkUnique(r.group(), r.name(), "");
    AlertRuleEntity e = new AlertRuleEntity();
    e.id = UUID.randomUUID().toString();
    e.createdAt = System.currentTimeMillis();
    copy(r, e);
    e.persist();
    return rule(e);
  }

  @Transactional
  public AlertRule update(String id, AlertRule r) {
    AlertRuleEntity e = AlertRuleEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound(
          "no rule " + id + " (only rules added through the API can be changed)");
    }
    checkUnique(r.group(), r.name(), id);
    copy(r, e);
    return rule(e);
  }

  @Transactional
  public void delete(String id) {
    if (!AlertRuleEntity.deleteById(id)) {
      throw ApiException.notFound(
          "no rule " + id + " (only rules added through the API can be removed)");
    }
  }

  private static void checkUnique(String group, String name, String exceptId) {
    if (AlertRuleEntity.count("groupName = ?1 and name = ?2 and id <> ?3", group, name, exceptId)
        > 0) {
      throw ApiException.conflict("group " + group + " has a rule named " + name + " already");
    }
  }

  private static void copy(AlertRule r, AlertRuleEntity e) {
    e.name = r.name();
    e.groupName = r.group();
    e.expr = r.expr();
    e.forSeconds = r.forSeconds();
    e.labels = JsonMaps.write(r.labels());
    e.annotations = JsonMaps.write(r.annotations());
  }

  private static AlertRule rule(AlertRuleEntity e) {
    return new AlertRule(
        e.id,
        "api",
        e.groupName,
        e.name,
        e.expr,
        e.forSeconds,
        JsonMaps.readMap(e.labels),
        JsonMaps.readMap(e.annotations));
  }
}
