package io.homelab.observer.controller.storage;

import java.sql.SQLException;

/** A database failure that is not the client's fault; the generic mapper answers 500. */
public class StoreException extends RuntimeException {

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
