package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.store.StoreException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes daily price series to Parquet or CSV files with DuckDB's {@code COPY … TO}, through an in-memory DuckDB of
 * its own, so it works whichever store the series came from. Prices are written as DECIMAL(18,6), exactly as stored;
 * pandas (through pyarrow), polars and DuckDB read them as decimals.
 */
public final class BarFileWriter implements AutoCloseable {
  /** The file formats offered; the name is the file extension. */
  public enum Format {
    PARQUET("(FORMAT PARQUET, COMPRESSION zstd)"),
    CSV("(FORMAT CSV, HEADER true)");

    private final String copyOptions;

    Format(String copyOptions) {
      this.copyOptions = copyOptions;
    }

    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One row of an exported series. */
  public record PriceRow(
      Symbol symbol, LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
      long volume) {}

  private static final String TABLE = "export_bars";

  private static final BigDecimal LIMIT = DuckDbBarWriter.MAX_PRICE;

  private final DuckDBConnection connection;

  private BarFileWriter(DuckDBConnection connection) {
    this.connection = connection;
  }

  public static BarFileWriter open() {
    try {
      DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE TABLE " + TABLE + " (symbol VARCHAR NOT NULL, date DATE NOT NULL,"
            + " open DECIMAL(18,6) NOT NULL, high DECIMAL(18,6) NOT NULL, low DECIMAL(18,6) NOT NULL,"
            + " close DECIMAL(18,6) NOT NULL, volume BIGINT NOT NULL)");
      }
      return new BarFileWriter(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot start the in-memory DuckDB that writes export files: "
          + DuckDbErrors.firstLine(e), e);
    }
  }

  /** Writes the rows, ordered by date, to {@code file} (replacing it); returns how many were written. */
  public long write(List<PriceRow> rows, Path file, Format format) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE " + TABLE);
      }
      try (DuckDBAppender appender = connection.createAppender("main", TABLE)) {
        for (PriceRow row : rows) {
          appender.beginRow()
              .append(row.symbol().value())
              .append(row.date())
              .appendDecimal(unscaled(row, row.open()))
              .appendDecimal(unscaled(row, row.high()))
              .appendDecimal(unscaled(row, row.low()))
              .appendDecimal(unscaled(row, row.close()))
              .append(row.volume())
              .endRow();
        }
      }
      try (PreparedStatement copy = connection.prepareStatement("COPY (SELECT * FROM " + TABLE
          + " ORDER BY symbol, date) TO ? " + format.copyOptions)) {
        copy.setString(1, file.toAbsolutePath().toString());
        copy.execute();
      }
      return rows.size();
    } catch (IOException e) {
      throw new DatahubException("cannot create the directory for " + file + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new StoreException("writing " + file + ": " + DuckDbErrors.firstLine(e), e);
    }
  }

  private static long unscaled(PriceRow row, BigDecimal price) {
    BigDecimal scaled = price.setScale(6, RoundingMode.HALF_EVEN);
    if (scaled.abs().compareTo(LIMIT) >= 0) {
      throw new DatahubException(row.symbol() + " " + row.date() + ": price " + price.toPlainString()
          + " is too large for the export files' DECIMAL(18,6) columns (below 10^12)");
    }
    return scaled.unscaledValue().longValueExact();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the export DuckDB: " + DuckDbErrors.firstLine(e), e);
    }
  }
}
