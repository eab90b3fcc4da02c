package io.homelab.observer.controller.notify;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Consumer;

/** Short database transactions over {@link NotifierEntity}; deliveries run outside them. */
@ApplicationScoped
public class NotifierStore {

  @Transactional
  public List<NotifierEntity> all() {
    List<NotifierEntity> list = NotifierEntity.list("order by name");
    list.forEach(n -> NotifierEntity.getEntityManager().detach(n));
    return list;
  }

  @Transactional
  public NotifierEntity require(String id) {
    NotifierEntity n = id == null ? null : NotifierEntity.findById(id);
    if (n == null) {
      throw ApiException.notFound("no notifier " + id);
    }
    NotifierEntity.getEntityManager().detach(n);
    return n;
  }

  @Transactional
  public NotifierEntity insert(NotifierEntity n) {
    checkUnique(n.name, "");
    n.persist();
    return n;
  }

  @Transactional
  public NotifierEntity update(String id, String newName, Consumer<NotifierEntity> change) {
    NotifierEntity n = NotifierEntity.findById(id);
    if (n == null) {
      throw ApiException.notFound("no notifier " + id);
    }
    checkUnique(newName, id);
    change.accept(n);
    return n;
  }

  @Transactional
  public void delete(String id) {
    if (!NotifierEntity.deleteById(id)) {
      throw ApiException.notFound("no notifier " + id);
    }
  }

  private static void checkUnique(String name, String exceptId) {
    if (NotifierEntity.count("name = ?1 and id <> ?2", name, exceptId) > 0) {
      throw ApiException.conflict("a notifier named " + name + " exists already");
    }
  }
}
