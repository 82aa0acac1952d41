package io.aiinvest.datahub.provider.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarProviderTest {
  @TempDir Path dir;

  static Path resource(String name) {
    try {
      return Path.of(CsvBarProviderTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProviderBars read(Path file) {
    return new CsvBarProvider(file, Optional.empty()).fetch(Symbol.of("TEST"), DateRange.ALL);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void yahooExportGivesBarsSplitsAndDividendsAndSaysItIsSplitAdjusted() {
    ProviderBars result = read(resource("/sample-eod/AAPL.csv"));

    assertThat(result.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
    assertThat(result.bars()).hasSize(1256);
    // Every digit of the file is kept until ingest has converted it to as traded; rounded as the store keeps it:
    DailyBar first = result.bars().get(0).atPriceScale();
    assertThat(result.bars().get(0).open()).isEqualByComparingTo("112.5999984741211");
    assertThat(first.date()).isEqualTo(LocalDate.of(2020, 8, 10));
    assertThat(first.open()).isEqualByComparingTo("112.599998");
    assertThat(first.close()).isEqualByComparingTo("112.727501");
    assertThat(first.volume()).isEqualTo(212_403_600L);
    assertThat(first.adjustedClose()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("109.776497"));
    assertThat(result.actions()).filteredOn(a -> a.type() == ActionType.SPLIT)
        .singleElement()
        .satisfies(split -> {
          assertThat(split.exDate()).isEqualTo(LocalDate.of(2020, 8, 31));
          assertThat(split.splitRatio()).isEqualByComparingTo("4");
        });
    assertThat(result.actions()).filteredOn(a -> a.type() == ActionType.DIVIDEND)
        .extracting(CorporateAction::exDate)
        .contains(LocalDate.of(2020, 11, 6), LocalDate.of(2025, 5, 12));
    assertThat(result.rejections()).isEmpty();
  }

  @Test
  void stooqFileWithCrlfLinesReadsAsTraded() {
    ProviderBars result = read(resource("/csv/spy_us_d.csv"));

    assertThat(result.basis()).isEqualTo(PriceBasis.AS_TRADED);
    assertThat(result.bars()).hasSize(2839);
    assertThat(result.bars().get(0)).satisfies(bar -> {
      assertThat(bar.date()).isEqualTo(LocalDate.of(2015, 1, 2));
      assertThat(bar.close()).isEqualByComparingTo("172.069");
      assertThat(bar.volume()).isEqualTo(144_993_270L);
      assertThat(bar.adjustedClose()).isEmpty();
    });
    assertThat(result.actions()).isEmpty();
  }

  @Test
  void datetimeHeaderAndNewestFirstRowsAreReadInDateOrder() {
    ProviderBars calm = read(resource("/csv/CALM-1d-no-bad-divs.csv"));
    ProviderBars tokyo = read(resource("/csv/4063-T-1d-bad-stock-split.csv"));

    assertThat(calm.bars()).hasSize(662);
    assertThat(calm.bars().get(0).date()).isEqualTo(LocalDate.of(2022, 1, 3));
    assertThat(calm.actions()).filteredOn(a -> a.type() == ActionType.DIVIDEND).isNotEmpty();
    assertThat(tokyo.bars()).extracting(DailyBar::date).isSorted();
    assertThat(tokyo.bars().get(tokyo.bars().size() - 1).date()).isEqualTo(LocalDate.of(2023, 4, 14));
    assertThat(tokyo.bars().get(tokyo.bars().size() - 1).close()).isEqualByComparingTo("4129");
  }

  @Test
  void lowerCaseSnakeHeadersAreRecognised() {
    ProviderBars result = read(resource("/csv/MSFT-alt-vintage.csv"));

    assertThat(result.bars()).hasSize(753);
    assertThat(result.bars().get(0).adjustedClose()).isPresent();
    assertThat(result.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
  }

  @Test
  void declaredBasisOverridesTheLayoutDefault() {
    ProviderBars result = new CsvBarProvider(resource("/sample-eod/AAPL.csv"), Optional.of(PriceBasis.AS_TRADED))
        .fetch(Symbol.of("AAPL"), DateRange.ALL);

    assertThat(result.basis()).isEqualTo(PriceBasis.AS_TRADED);
  }

  @Test
  void rangeKeepsOnlyRowsAndActionsInside() {
    ProviderBars result = new CsvBarProvider(resource("/sample-eod/AAPL.csv"), Optional.empty())
        .fetch(Symbol.of("AAPL"), DateRange.of(LocalDate.of(2020, 8, 28), LocalDate.of(2020, 9, 1)));

    assertThat(result.bars()).extracting(DailyBar::date)
        .containsExactly(LocalDate.of(2020, 8, 28), LocalDate.of(2020, 8, 31), LocalDate.of(2020, 9, 1));
    assertThat(result.actions()).extracting(CorporateAction::type).containsExactly(ActionType.SPLIT);
  }

  @Test
  void directoryHoldsOneFilePerSymbol() throws IOException {
    write("BRK-B.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n");

    ProviderBars result = new CsvBarProvider(dir, Optional.empty()).fetch(Symbol.of("BRK.B"), DateRange.ALL);

    assertThat(result.bars()).hasSize(1);
    assertThat(result.symbol()).isEqualTo(Symbol.of("BRK.B"));
  }

  @Test
  void rowBreakingABarRuleIsRejectedWithReasonAndTheRestKept() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Volume\n"
        + "2024-01-02,10,11,9,10,100\n"
        + "2024-01-03,10,9,11,10,100\n"
        + "2024-01-04,NaN,NaN,NaN,NaN,0\n"
        + "2024-01-05,10,11,9,10.5,100\n");

    ProviderBars result = read(file);

    assertThat(result.bars()).extracting(DailyBar::date)
        .containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5));
    assertThat(result.rejections()).hasSize(2);
    assertThat(result.rejections().get(0).rule()).isEqualTo("bars_high_ge_low");
    assertThat(result.rejections().get(0).reason()).contains("line 3");
    assertThat(result.rejections().get(1).rule()).isEqualTo("missing_values");
  }

  @Test
  void missingColumnNamesTheColumnAndTheFile() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Volume\n2024-01-02,10,11,9,100\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("T.csv")
        .hasMessageContaining("column 'Close'")
        .hasMessageContaining("missing column");
  }

  @Test
  void unparsableNumberNamesLineAndColumn() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n"
        + "2024-01-03,10,11,9,1O.5,100\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("column 'Close'")
        .hasMessageContaining("'1O.5'");
  }

  @Test
  void unparsableDateNamesLineAndColumn() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Volume\n01/02/2024,10,11,9,10,100\n");

    assertThatThrownBy(() -> read(file))
        .hasMessageContaining("line 2")
        .hasMessageContaining("column 'Date'")
        .hasMessageContaining("'01/02/2024'");
  }

  @Test
  void sameDateTwiceNamesBothLines() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n"
        + "2024-01-03,10,11,9,10,100\n2024-01-02,10,11,9,10,100\n");

    assertThatThrownBy(() -> read(file))
        .hasMessageContaining("line 4")
        .hasMessageContaining("2024-01-02 appears twice (also line 2)");
  }

  @Test
  void emptyFileAndHeaderOnlyFileAreRefused() throws IOException {
    Path empty = write("E.csv", "");
    Path headerOnly = write("H.csv", "Date,Open,High,Low,Close,Volume\n");

    assertThatThrownBy(() -> read(empty)).isInstanceOf(CsvFormatException.class).hasMessageContaining("E.csv");
    assertThatThrownBy(() -> read(headerOnly)).isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("no rows");
  }

  @Test
  void shortRowAndFractionalVolumeAreRefused() throws IOException {
    Path shortRow = write("S.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9\n");
    Path fractional = write("F.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100.5\n");

    assertThatThrownBy(() -> read(shortRow)).hasMessageContaining("line 2").hasMessageContaining("too few fields");
    assertThatThrownBy(() -> read(fractional)).hasMessageContaining("column 'Volume'")
        .hasMessageContaining("whole number");
  }

  @Test
  void wholeFloatVolumeIsAccepted() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,15000.0\n");

    assertThat(read(file).bars().get(0).volume()).isEqualTo(15_000L);
  }

  @Test
  void missingFileIsAClearBadInput() {
    assertThatThrownBy(() -> new CsvBarProvider(dir, Optional.empty()).fetch(Symbol.of("NOPE"), DateRange.ALL))
        .hasMessageContaining("no file for NOPE")
        .hasMessageContaining("NOPE.csv");
  }

  @Test
  void splitColumnValueBecomesRatioPerOldShare() throws IOException {
    Path file = write("T.csv", "Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits\n"
        + "2024-01-02,10,11,9,10,10,100,0.0,0.0\n2024-01-03,10,11,9,10,10,100,0.5,0.1\n");

    ProviderBars result = read(file);

    assertThat(result.actions()).extracting(CorporateAction::type)
        .containsExactlyInAnyOrder(ActionType.DIVIDEND, ActionType.SPLIT);
    assertThat(result.actions()).filteredOn(a -> a.type() == ActionType.SPLIT).singleElement()
        .satisfies(a -> assertThat(a.splitRatio()).isEqualByComparingTo(new BigDecimal("0.1")));
  }
}
