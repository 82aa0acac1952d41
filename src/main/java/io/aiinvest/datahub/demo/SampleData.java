package io.aiinvest.datahub.demo;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The sample end-of-day files shipped on the classpath under {@code sample-eod/} (real Yahoo Finance histories; the
 * folder's README gives their provenance), read in place: from the classes directory in a build, from inside the jar
 * once packaged. Close it to release the jar's file system.
 */
public final class SampleData implements AutoCloseable {
  static final String FOLDER = "sample-eod";

  /**
   * The window the demo loads: from just before the 20:1 splits of AMZN (2022-06-06) and GOOGL (2022-07-18) to the
   * end of the files, with the quarterly dividends of SPY, AAPL and MSFT and GOOGL's first five. It runs to the end
   * because ingest stores a provider's complete action list up to the fetch, as it must to undo later splits: a
   * shorter window would store dividends after its last bar, whose factors cannot be computed.
   */
  public static final DateRange DEMO_RANGE = DateRange.of(LocalDate.of(2022, 5, 2), LocalDate.of(2025, 8, 8));

  private final Path folder;
  /** The jar's file system when this instance opened it, closed with it. */
  private final Optional<FileSystem> opened;

  private SampleData(Path folder, Optional<FileSystem> opened) {
    this.folder = folder;
    this.opened = opened;
  }

  /** Finds the sample folder through the class loader that loaded the hub. */
  public static SampleData open() {
    return open(SampleData.class.getClassLoader());
  }

  static SampleData open(ClassLoader loader) {
    URL symbols = loader.getResource(FOLDER + "/symbols.csv");
    if (symbols == null) {
      throw new DatahubException("the sample data (" + FOLDER + "/ on the classpath) is missing from this build");
    }
    try {
      URI uri = symbols.toURI();
      if (uri.getScheme().equals("jar")) {
        try {
          FileSystem fs = FileSystems.newFileSystem(uri, Map.of());
          return new SampleData(fs.getPath("/" + FOLDER), Optional.of(fs));
        } catch (FileSystemAlreadyExistsException e) {
          // Someone else holds the jar open; share it and leave closing it to them.
          return new SampleData(FileSystems.getFileSystem(uri).getPath("/" + FOLDER), Optional.empty());
        }
      }
      return new SampleData(Path.of(uri).getParent(), Optional.empty());
    } catch (URISyntaxException | IOException e) {
      throw new DatahubException("cannot read the sample data at " + symbols + ": " + e.getMessage(), e);
    }
  }

  /** The folder of {@code SYMBOL.csv} files, a path inside the jar when packaged. */
  public Path folder() {
    return folder;
  }

  /** Reads the files as the CSV provider reads any Yahoo export: split-adjusted prices, splits and dividends. */
  public BarProvider provider() {
    return new CsvBarProvider(folder, Optional.empty());
  }

  /** The instruments of the sample with their names, exchanges and asset types, in the file's order. */
  public List<SymbolInfo> symbols() {
    Path file = folder.resolve("symbols.csv");
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<SymbolInfo> result = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      for (CSVRecord row : parser) {
        result.add(new SymbolInfo(Symbol.of(row.get("symbol")), Optional.of(row.get("name")),
            Optional.of(row.get("exchange")), Optional.of(row.get("asset_type")), Optional.empty(), Optional.empty(),
            true, Optional.empty()));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new DatahubException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return result;
  }

  @Override
  public void close() {
    if (opened.isPresent()) {
      try {
        opened.get().close();
      } catch (IOException e) {
        throw new DatahubException("closing the jar's file system: " + e.getMessage(), e);
      }
    }
  }
}
