package io.homelab.observer.controller.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alert state changes: appended by the evaluator, read newest first by the API, pruned by age. */
@ApplicationScoped
public class HistoryStore {

  @Transactional
  public void append(List<HistoryEntry> entries) {
    for (HistoryEntry h : entries) {
      AlertHistoryEntity e = new AlertHistoryEntity();
      e.id = UUID.randomUUID().toString();
      e.at = h.time().toEpochMilli();
      e.ruleId = h.ruleId();
      e.alertName = h.alertName();
      e.fingerprint = h.fingerprint();
      e.state = h.state();
      e.labels = JsonMaps.write(h.labels());
      e.value = h.value() == null || h.value().isNaN() || h.value().isInfinite() ? null : h.value();
      e.silenced = h.silenced();
      e.persist();
    }
  }

  /** Newest first; {@code alertName} null = all. */
  @Transactional
  public List<HistoryEntry> recent(String alertName, Instant since, int limit) {
    long from = since == null ? 0 : since.toEpochMilli();
    var query =
        alertName == null
            ? AlertHistoryEntity.find("at >= ?1 order by at desc, id desc", from)
            : AlertHistoryEntity.find(
                "alertName = ?1 and at >= ?2 order by at desc, id desc", alertName, from);
    List<AlertHistoryEntity> list = query.page(0, limit).list();
    return list.stream()
        .map(
            e ->
                new HistoryEntry(
                    Instant.ofEpochMilli(e.at),
                    e.ruleId,
                    e.alertName,
                    e.fingerprint,
                    e.state,
                    JsonMaps.readMap(e.labels),
                    e.value,
                    e.silenced))
        .toList();
  }

  @Transactional
  public long pruneBefore(long epochMillis) {
    return AlertHistoryEntity.delete("at < ?1", epochMillis);
  }
}
