package io.homelab.observer.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.common.jdbc.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The transaction rules the stores rely on, against the real SQLite datasource: joined units share
 * one connection and commit or roll back together with the outermost one.
 */
@QuarkusTest
class DatabaseTest {

  @Inject Database db;

  @Test
  void aFailureRollsBackEveryWriteOfTheOutermostUnitIncludingJoinedOnes() {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      insertAudit(first);
                      insertAudit(second);
                      throw new IllegalStateException("refused after two writes");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(auditRows(first)).isZero();
    assertThat(auditRows(second)).isZero();
  }

  @Test
  void aSqlErrorIsAStoreExceptionAndUndoesTheEarlierWritesOfItsTransaction() {
    String id = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      insertAudit(id);
                      insertAudit(id); // primary key taken
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(auditRows(id)).isZero();
  }

  @Test
  void aJoinedFailureThatItsCallerSwallowsStillRollsTheTransactionBack() {
    String id = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      insertAudit(id);
                      try {
                        db.tx(
                            c -> {
                              throw new IllegalArgumentException("a store refused");
                            });
                      } catch (IllegalArgumentException swallowed) {
                        // the caller goes on as if nothing happened
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rolled back");
    assertThat(auditRows(id)).isZero();
  }

  @Test
  void joinedUnitsRunOnTheOutermostConnectionAndSeeItsUncommittedWrites() {
    String id = UUID.randomUUID().toString();
    AtomicReference<Connection> outer = new AtomicReference<>();
    long seen =
        db.tx(
            c -> {
              outer.set(c);
              insertAudit(id);
              return db.tx(
                  inner -> {
                    assertThat(inner).isSameAs(outer.get());
                    return Jdbc.count(inner, "SELECT COUNT(*) FROM audit_log WHERE id = ?", id);
                  });
            });
    assertThat(seen).isEqualTo(1);
    assertThat(auditRows(id)).isEqualTo(1);
  }

  private void insertAudit(String id) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO audit_log (id, occurred_at, action, result) VALUES (?, ?, ?, ?)",
                id,
                System.currentTimeMillis(),
                "test.database",
                "ok"));
  }

  private long auditRows(String id) {
    return db.tx(c -> Jdbc.count(c, "SELECT COUNT(*) FROM audit_log WHERE id = ?", id));
  }
}
