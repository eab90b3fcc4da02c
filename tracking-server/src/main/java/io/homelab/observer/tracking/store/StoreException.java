package io.homelab.observer.tracking.store;

import java.sql.SQLException;

/** A database failure that is not the client's fault; mapped to INTERNAL_ERROR (500). */
public class StoreException extends RuntimeException {

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE of the cause, to recognise unique violations and the like. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
