package io.homelab.observer.controller.environment;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Consumer;

/**
 * Short database transactions over {@link EnvironmentEntity}; callers do agent I/O outside them.
 */
@ApplicationScoped
public class EnvironmentStore {

  @Transactional
  public List<EnvironmentEntity> all() {
    List<EnvironmentEntity> list = EnvironmentEntity.list("order by name");
    list.forEach(e -> EnvironmentEntity.getEntityManager().detach(e));
    return list;
  }

  @Transactional
  public EnvironmentEntity require(String id) {
    EnvironmentEntity e = id == null ? null : EnvironmentEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound("no environment " + id);
    }
    EnvironmentEntity.getEntityManager().detach(e);
    return e;
  }

  @Transactional
  public void checkUnique(String name, String url, String exceptId) {
    if (EnvironmentEntity.count("name = ?1 and id <> ?2", name, exceptId == null ? "" : exceptId)
        > 0) {
      throw ApiException.conflict("an environment named " + name + " exists already");
    }
    if (url != null
        && EnvironmentEntity.count("url = ?1 and id <> ?2", url, exceptId == null ? "" : exceptId)
            > 0) {
      throw ApiException.conflict("the agent at " + url + " is already an environment");
    }
  }

  /**
   * Inserts after re-checking uniqueness (the agent calls before took time, a twin request may have
   * won).
   */
  @Transactional
  public EnvironmentEntity insert(EnvironmentEntity env) {
    checkUnique(env.name, env.url, null);
    env.persist();
    return env;
  }

  @Transactional
  public EnvironmentEntity update(
      String id, String name, String group, String tags, String metricsUrl) {
    EnvironmentEntity e = EnvironmentEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound("no environment " + id);
    }
    if (name != null) {
      checkUnique(name, null, id);
      e.name = name;
    }
    if (group != null) {
      e.group = group.isEmpty() ? null : group;
    }
    if (tags != null) {
      e.tags = tags;
    }
    if (metricsUrl != null) {
      e.metricsUrl = metricsUrl.isEmpty() ? null : metricsUrl;
    }
    return e;
  }

  @Transactional
  public EnvironmentEntity delete(String id) {
    EnvironmentEntity e = EnvironmentEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound("no environment " + id);
    }
    e.delete();
    return e;
  }

  /** Applies a status change; an environment removed meanwhile is left removed. */
  @Transactional
  public EnvironmentEntity saveStatus(String id, Consumer<EnvironmentEntity> change) {
    EnvironmentEntity e = EnvironmentEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound("environment " + id + " was removed");
    }
    change.accept(e);
    return e;
  }
}
