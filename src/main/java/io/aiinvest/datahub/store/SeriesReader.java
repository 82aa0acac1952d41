package io.aiinvest.datahub.store;

import io.aiinvest.datahub.domain.DateRange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * How one database reads the bar rows behind {@link MarketStore#forEachSeries} fastest: the one read of full history
 * the quality suite makes, so each store picks its own way (PostgreSQL streams COPY output).
 */
@FunctionalInterface
public interface SeriesReader {
  /** Receives the bars read. */
  interface Rows {
    void add(String symbol, int epochDay, double close, long volume);
  }

  /**
   * Hands {@code rows} every bar of the symbols inside the range, the symbols in the order given (sorted), each
   * symbol's bars together.
   */
  void read(Connection connection, List<String> symbols, DateRange range, Rows rows) throws SQLException, IOException;
}
