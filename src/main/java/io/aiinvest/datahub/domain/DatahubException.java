package io.aiinvest.datahub.domain;

/**
 * Base of every error the hub reports to a user. The message must name what failed and where (symbol, file and
 * line, provider, date range) so the CLI can print it as the one line an operator reads.
 */
public class DatahubException extends RuntimeException {
  public DatahubException(String message) {
    super(message);
  }

  public DatahubException(String message, Throwable cause) {
    super(message, cause);
  }
}
