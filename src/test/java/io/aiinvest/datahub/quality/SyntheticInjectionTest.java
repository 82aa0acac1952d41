package io.aiinvest.datahub.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Severity;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors injected into clean real histories (src/main/resources/sample-eod, Yahoo 2020-08-10..2025-08-08) through the
 * CSV path: each is found by the check meant for it, dated on the session it was injected on; and the untouched
 * histories, with their real splits and dividends, give none of the structural findings.
 */
class SyntheticInjectionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-09T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private QualityService service;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    service = new QualityService(store, CalendarRegistry.loadBundled(), CLOCK);
  }

  @AfterEach
  void drop() {
    store.close();
    database.close();
  }

  /** The sample file with {@code edit} applied to its rows (header untouched), imported as {@code symbol}. */
  private void importEdited(String sample, String symbol, UnaryOperator<List<Row>> edit) {
    List<String> lines = sampleLines(sample);
    List<Row> rows = new ArrayList<>();
    lines.subList(1, lines.size()).forEach(line -> rows.add(Row.parse(line)));
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    edit.apply(rows).forEach(r -> out.add(r.text()));
    Path file = dir.resolve(symbol + ".csv");
    try {
      Files.write(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.upsertSymbol(new SymbolInfo(Symbol.of(symbol), Optional.empty(), Optional.of("NASDAQ"), Optional.empty(),
        Optional.empty(), Optional.empty(), true, Optional.empty()));
    SymbolOutcome outcome = new IngestService(store, new SymbolSessions(CalendarRegistry.loadBundled(),
        SymbolSessions.DEFAULT_FALLBACK_ZONE, CLOCK)).ingestOne(Symbol.of(symbol),
        new CsvBarProvider(file, Optional.empty()), DateRange.ALL);
    assertThat(outcome.error()).isEmpty();
    assertThat(outcome.bars().rejections()).isEmpty();
  }

  private static List<String> sampleLines(String sample) {
    try (InputStream in = SyntheticInjectionTest.class.getResourceAsStream("/sample-eod/" + sample + ".csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<QualityFinding> checkAll(String... symbols) {
    return service.run(List.of(symbols).stream().map(Symbol::of).toList(), DateRange.ALL, QualityOptions.DEFAULTS);
  }

  private static List<LocalDate> dates(List<QualityFinding> findings, String symbol, String check) {
    return findings.stream().filter(f -> f.symbol().value().equals(symbol) && f.checkType().equals(check))
        .flatMap(f -> FindingDetails.dates(f).stream()).toList();
  }

  @Test
  void aBarInPenceAmongPoundsIsAUnitErrorAndASpikeOnItsDate() {
    LocalDate day = LocalDate.parse("2023-03-15");
    importEdited("MSFT", "MSFT", rows -> edit(rows, r -> r.date().equals(day), r -> r.scalePrices(100)));

    List<QualityFinding> findings = checkAll("MSFT");

    assertThat(dates(findings, "MSFT", UnitErrorCheck.NAME)).containsExactly(day, LocalDate.parse("2023-03-16"));
    assertThat(dates(findings, "MSFT", PriceAnomalyCheck.NAME)).contains(day);
    assertThat(findings).filteredOn(f -> f.checkType().equals(UnitErrorCheck.NAME))
        .extracting(QualityFinding::severity).containsExactly(Severity.ERROR);
  }

  @Test
  void historyNotAdjustedForAFourForOneSplitIsAMissedSplitOnItsExDate() {
    LocalDate exDate = LocalDate.parse("2024-03-01");
    importEdited("GOOGL", "GOOGL", rows -> edit(rows, r -> r.date().isBefore(exDate), r -> r.scaleShares(4)));

    List<QualityFinding> findings = checkAll("GOOGL");

    assertThat(dates(findings, "GOOGL", MissedSplitCheck.NAME)).containsExactly(exDate);
    assertThat(FindingDetails.parse(findings.stream().filter(f -> f.checkType().equals(MissedSplitCheck.NAME))
        .findFirst().orElseThrow().details()).path("items").get(0).path("split").asText()).isEqualTo("4:1");
  }

  @Test
  void aThirtyPercentOneDaySpikeIsAPriceAnomalyOnItsDate() {
    LocalDate day = LocalDate.parse("2023-06-15");
    importEdited("AMZN", "AMZN", rows -> edit(rows, r -> r.date().equals(day), r -> r.spikeClose(1.3)));

    List<QualityFinding> findings = checkAll("AMZN");

    List<QualityFinding> anomalies = findings.stream().filter(f -> f.checkType().equals(PriceAnomalyCheck.NAME))
        .toList();
    assertThat(dates(findings, "AMZN", PriceAnomalyCheck.NAME)).contains(day);
    assertThat(FindingDetails.parse(anomalies.get(0).details()).path("items")).anySatisfy(item -> {
      assertThat(item.path("date").asText()).isEqualTo(day.toString());
      assertThat(item.path("kind").asText()).isEqualTo("spike");
      assertThat(item.path("severity").asText()).isEqualTo("ERROR");
    });
  }

  @Test
  void oneInstrumentStoredUnderTwoSymbolsIsADuplicateForBoth() {
    importEdited("AAPL", "AAPL", rows -> rows);
    importEdited("AAPL", "APPLE", rows -> rows);
    importEdited("MSFT", "MSFT", rows -> rows);

    List<QualityFinding> findings = checkAll("AAPL", "APPLE", "MSFT");

    LocalDate first = LocalDate.parse("2020-08-10");
    assertThat(dates(findings, "AAPL", DuplicateSeriesCheck.NAME)).containsExactly(first);
    assertThat(dates(findings, "APPLE", DuplicateSeriesCheck.NAME)).containsExactly(first);
    assertThat(dates(findings, "MSFT", DuplicateSeriesCheck.NAME)).isEmpty();
  }

  @Test
  void aQuoteRepeatedWithoutVolumeForEightSessionsIsStaleFromItsFirstSession() {
    LocalDate first = LocalDate.parse("2024-05-06");
    LocalDate last = LocalDate.parse("2024-05-15");
    importEdited("SPY", "SPY", rows -> {
      Row before = rows.stream().filter(r -> r.date().equals(LocalDate.parse("2024-05-03"))).findFirst().orElseThrow();
      return edit(rows, r -> !r.date().isBefore(first) && !r.date().isAfter(last), r -> r.frozenAt(before));
    });

    List<QualityFinding> findings = checkAll("SPY");

    assertThat(dates(findings, "SPY", StaleSeriesCheck.NAME)).containsExactly(first);
    assertThat(FindingDetails.parse(findings.stream().filter(f -> f.checkType().equals(StaleSeriesCheck.NAME))
        .findFirst().orElseThrow().details()).path("items").get(0).path("sessions").asInt()).isEqualTo(8);
  }

  @Test
  void theCleanHistoriesWithTheirRealSplitsAndDividendsGiveNoStructuralFinding() {
    for (String sample : List.of("SPY", "AAPL", "MSFT", "GOOGL", "AMZN")) {
      importEdited(sample, sample, rows -> rows);
    }

    List<QualityFinding> findings = checkAll("SPY", "AAPL", "MSFT", "GOOGL", "AMZN");

    assertThat(findings).extracting(QualityFinding::checkType).doesNotContain(CompletenessCheck.NAME,
        OhlcConsistencyCheck.NAME, StaleSeriesCheck.NAME, MissedSplitCheck.NAME, UnitErrorCheck.NAME,
        DividendSanityCheck.NAME, DuplicateSeriesCheck.NAME, CrossProviderCheck.NAME);
    assertThat(findings).extracting(QualityFinding::severity).doesNotContain(Severity.ERROR);
  }

  private static List<Row> edit(List<Row> rows, Predicate<Row> which, UnaryOperator<Row> how) {
    return rows.stream().map(r -> which.test(r) ? how.apply(r) : r).toList();
  }

  /** One line of a sample file: Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits[,Capital Gains]. */
  private record Row(String[] cells) {
    static Row parse(String line) {
      return new Row(line.split(",", -1));
    }

    LocalDate date() {
      return LocalDate.parse(cells[0].substring(0, 10));
    }

    String text() {
      return String.join(",", cells);
    }

    private BigDecimal cell(int i) {
      return new BigDecimal(cells[i]);
    }

    private Row with(int i, BigDecimal value) {
      String[] copy = cells.clone();
      copy[i] = value.toPlainString();
      return new Row(copy);
    }

    Row scalePrices(int factor) {
      Row row = this;
      for (int i = 1; i <= 5; i++) {
        row = row.with(i, cell(i).multiply(BigDecimal.valueOf(factor)));
      }
      return row;
    }

    /** Prices as if before a split of {@code ratio}:1 that the file does not record; volume in the old shares. */
    Row scaleShares(int ratio) {
      return scalePrices(ratio).with(6, cell(6).divide(BigDecimal.valueOf(ratio), 0, RoundingMode.HALF_UP));
    }

    Row spikeClose(double factor) {
      BigDecimal close = cell(4).multiply(BigDecimal.valueOf(factor));
      return with(4, close).with(5, cell(5).multiply(BigDecimal.valueOf(factor))).with(2, close.max(cell(2)));
    }

    /** The bar repeating {@code earlier}'s close as every price, without volume. */
    Row frozenAt(Row earlier) {
      BigDecimal close = earlier.cell(4);
      return with(1, close).with(2, close).with(3, close).with(4, close).with(5, earlier.cell(5))
          .with(6, BigDecimal.ZERO);
    }
  }
}
