package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DatahubException;

/** The database failed or could not be reached; the message names the database (never its password). */
public class StoreException extends DatahubException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
