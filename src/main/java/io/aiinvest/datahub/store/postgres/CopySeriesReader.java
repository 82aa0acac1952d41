package io.aiinvest.datahub.store.postgres;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.store.SeriesReader;
import io.aiinvest.datahub.store.SqlDialect;
import io.aiinvest.datahub.store.SqlDialect.ElementType;
import io.aiinvest.datahub.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/** The quality scan on PostgreSQL: COPY text output, parsed without a result set's per-value overhead. */
final class CopySeriesReader implements SeriesReader {
  // COPY takes no bind parameters, so the symbols and range go into a temporary table first (bound) and the COPY
  // text stays constant. Per symbol, the lateral reads its bars in date order through the primary key: measured on
  // 5M bars, 4 s against 5-6 s for a hash join followed by one big sort.
  private static final String SCAN_TABLE = "CREATE TEMPORARY TABLE quality_scan (symbol TEXT COLLATE \"C\""
      + " PRIMARY KEY, from_date DATE NOT NULL, to_date DATE NOT NULL) ON COMMIT DROP";
  private static final String SCAN_FILL =
      "INSERT INTO quality_scan SELECT DISTINCT s, ?::date, ?::date FROM unnest(?::text[]) AS s";
  private static final String SCAN_COPY = "COPY (SELECT q.symbol, b.\"timestamp\", b.close, b.volume"
      + " FROM quality_scan q CROSS JOIN LATERAL (SELECT \"timestamp\", close, volume FROM market_data.bars b"
      + " WHERE b.symbol = q.symbol AND b.\"timestamp\" BETWEEN q.from_date AND q.to_date ORDER BY b.\"timestamp\") b"
      + " ORDER BY q.symbol) TO STDOUT";

  private final SqlDialect dialect;

  CopySeriesReader(SqlDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public void read(Connection c, List<String> symbols, DateRange range, Rows rows) throws SQLException, IOException {
    c.setAutoCommit(false);
    try {
      try (Statement ddl = c.createStatement()) {
        ddl.execute(SCAN_TABLE);
      }
      try (PreparedStatement fill = c.prepareStatement(SCAN_FILL)) {
        dialect.bindRange(fill, 1, range);
        fill.setArray(3, dialect.array(c, ElementType.TEXT, symbols));
        fill.executeUpdate();
      }
      try (InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class), SCAN_COPY)) {
        new CopyRows(rows).read(in);
      }
      c.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Parses COPY text rows {@code symbol \t date \t close \t volume}. */
  private static final class CopyRows {
    private final Rows rows;
    private final byte[] line = new byte[256];

    CopyRows(Rows rows) {
      this.rows = rows;
    }

    void read(InputStream in) throws IOException {
      byte[] buffer = new byte[1 << 16];
      int length = 0;
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          byte b = buffer[i];
          if (b == '\n') {
            row(length);
            length = 0;
          } else if (length < line.length) {
            line[length++] = b;
          } else {
            throw new StoreException("quality scan: a COPY row longer than " + line.length + " bytes");
          }
        }
      }
    }

    private void row(int length) {
      int tab1 = indexOf((byte) '\t', 0, length);
      int tab2 = indexOf((byte) '\t', tab1 + 1, length);
      int tab3 = indexOf((byte) '\t', tab2 + 1, length);
      rows.add(new String(line, 0, tab1, US_ASCII), epochDay(tab1 + 1),
          Double.parseDouble(new String(line, tab2 + 1, tab3 - tab2 - 1, US_ASCII)), parseLong(tab3 + 1, length));
    }

    private int indexOf(byte wanted, int from, int to) {
      for (int i = from; i < to; i++) {
        if (line[i] == wanted) {
          return i;
        }
      }
      throw new StoreException("quality scan: malformed COPY row '" + new String(line, 0, to, US_ASCII) + "'");
    }

    private int epochDay(int at) {
      int year = digits(at, 4);
      int month = digits(at + 5, 2);
      int day = digits(at + 8, 2);
      return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    private int digits(int at, int count) {
      int value = 0;
      for (int i = at; i < at + count; i++) {
        value = value * 10 + (line[i] - '0');
      }
      return value;
    }

    private long parseLong(int from, int to) {
      long value = 0;
      for (int i = from; i < to; i++) {
        value = value * 10 + (line[i] - '0');
      }
      return value;
    }
  }
}
