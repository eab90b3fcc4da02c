package io.homelab.observer.controller.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Transactions over the controller's one datasource (Agroal, SQLite by default).
 *
 * <p>Every store method runs its SQL through {@link #tx}. A unit of work joins the transaction the
 * calling thread already holds, or opens one on a fresh connection and commits it when the
 * outermost unit returns; any exception leaving the outermost unit rolls the whole transaction
 * back. Services that need several store calls to be atomic (a password change and the revocation
 * of the user's tokens) wrap them in {@link #inTransaction}: the stores then join it.
 *
 * <p>Joining is also what keeps this deadlock-free: the SQLite pool holds one connection, so a
 * nested unit that borrowed a second one would wait on itself.
 *
 * <p>As with {@code @Transactional}, an exception leaving a joined unit dooms the whole transaction
 * even if an outer unit catches it: the outermost unit then rolls back and says so, rather than
 * committing half of the work.
 */
@Singleton
public class Database {

  /** JDBC work on the transaction's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** The calling thread's open transaction. */
  private static final class Open {
    final Connection connection;
    boolean doomed;

    Open(Connection connection) {
      this.connection = connection;
    }
  }

  private final AgroalDataSource dataSource;
  private final ThreadLocal<Open> current = new ThreadLocal<>();

  public Database(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} in the calling thread's transaction, opening one when there is none. */
  public <T> T tx(Work<T> work) {
    Open joined = current.get();
    try {
      if (joined != null) {
        return joined(joined, work);
      }
      return outermost(work);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs {@code work} (which calls stores) as one transaction; see the class comment. */
  public <T> T inTransaction(Supplier<T> work) {
    return tx(c -> work.get());
  }

  /** {@link #inTransaction(Supplier)} without a result. */
  public void inTransaction(Runnable work) {
    tx(
        c -> {
          work.run();
          return null;
        });
  }

  private static <T> T joined(Open open, Work<T> work) throws SQLException {
    try {
      return work.apply(open.connection);
    } catch (SQLException | RuntimeException | Error e) {
      open.doomed = true;
      throw e;
    }
  }

  private <T> T outermost(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Open open = new Open(c);
      current.set(open);
      try {
        T result = work.apply(c);
        if (open.doomed) {
          throw new IllegalStateException(
              "rolled back: a unit of this transaction failed and its caller went on");
        }
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        current.remove();
        restoreAutoCommit(c);
      }
    }
  }

  /**
   * Back to the pool's default. A connection that cannot even do this is broken; the failure that
   * brought us here (if any) is the one worth reporting, and closing hands the connection back.
   */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // see above
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
