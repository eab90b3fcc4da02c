package io.homelab.observer.controller.monitor;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Consumer;

/** Short database transactions over {@link MonitorEntity}; checks run outside them. */
@ApplicationScoped
public class MonitorStore {

  @Transactional
  public List<MonitorEntity> all() {
    List<MonitorEntity> list = MonitorEntity.list("order by name");
    list.forEach(m -> MonitorEntity.getEntityManager().detach(m));
    return list;
  }

  @Transactional
  public MonitorEntity require(String id) {
    MonitorEntity m = id == null ? null : MonitorEntity.findById(id);
    if (m == null) {
      throw ApiException.notFound("no monitor " + id);
    }
    MonitorEntity.getEntityManager().detach(m);
    return m;
  }

  @Transactional
  public MonitorEntity insert(MonitorEntity m) {
    checkUnique(m.name, null);
    m.persist();
    return m;
  }

  /**
   * Applies {@code change} to the stored monitor; {@code newName} (may be null) is checked first.
   */
  @Transactional
  public MonitorEntity update(String id, String newName, Consumer<MonitorEntity> change) {
    MonitorEntity m = MonitorEntity.findById(id);
    if (m == null) {
      throw ApiException.notFound("no monitor " + id);
    }
    if (newName != null) {
      checkUnique(newName, id);
    }
    change.accept(m);
    return m;
  }

  @Transactional
  public MonitorEntity delete(String id) {
    MonitorEntity m = MonitorEntity.findById(id);
    if (m == null) {
      throw ApiException.notFound("no monitor " + id);
    }
    m.delete();
    return m;
  }

  /** Records one check; a monitor deleted while it was being checked stays deleted. */
  @Transactional
  public MonitorEntity saveResult(String id, CheckResult result, long checkedAt) {
    MonitorEntity m = MonitorEntity.findById(id);
    if (m == null) {
      return null;
    }
    m.status = result.up() ? "up" : "down";
    m.message = result.message();
    m.lastChecked = checkedAt;
    m.latencyMs = result.latencyMillis();
    if (result.certExpiresAt() != null) {
      m.certExpiresAt = result.certExpiresAt().toEpochMilli();
    }
    m.checksTotal++;
    if (result.up()) {
      m.checksUp++;
    }
    return m;
  }

  private void checkUnique(String name, String exceptId) {
    if (MonitorEntity.count("name = ?1 and id <> ?2", name, exceptId == null ? "" : exceptId) > 0) {
      throw ApiException.conflict("a monitor named " + name + " exists already");
    }
  }
}
