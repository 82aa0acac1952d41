package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.testing.Bars;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AsTradedConverterTest {
  private static ProviderBars delivered(
      PriceBasis basis, List<DailyBar> bars, List<CorporateAction> actions) {
    return new ProviderBars(Symbol.of("AAA"), Bars.TEST, basis, bars, actions, List.of());
  }

  @Test
  void barsBeforeASplitAreScaledBackAndLaterOnesKept() {
    ProviderBars adjusted = delivered(PriceBasis.SPLIT_ADJUSTED,
        List.of(flat("AAA", "2024-01-02", "25", 400), flat("AAA", "2024-01-03", "26", 500)),
        List.of(split("AAA", "2024-01-03", "4", "1")));

    ProviderBars asTraded = AsTradedConverter.toAsTraded(adjusted, List.of());

    assertThat(asTraded.basis()).isEqualTo(PriceBasis.AS_TRADED);
    assertThat(asTraded.bars()).containsExactly(flat("AAA", "2024-01-02", "100", 100),
        flat("AAA", "2024-01-03", "26", 500));
  }

  @Test
  void storedSplitsAfterTheWindowAlsoApply() {
    ProviderBars adjusted = delivered(PriceBasis.SPLIT_ADJUSTED, List.of(flat("AAA", "2024-01-02", "5", 2000)),
        List.of());

    ProviderBars asTraded = AsTradedConverter.toAsTraded(adjusted,
        List.of(split("AAA", "2024-06-01", "20", "1"), split("AAA", "2025-01-02", "1", "10")));

    assertThat(asTraded.bars()).containsExactly(flat("AAA", "2024-01-02", "10", 1000));
  }

  @Test
  void asTradedInputPassesThroughUntouched() {
    ProviderBars traded = delivered(PriceBasis.AS_TRADED, List.of(flat("AAA", "2024-01-02", "25", 400)),
        List.of(split("AAA", "2024-01-03", "4", "1")));

    assertThat(AsTradedConverter.toAsTraded(traded, List.of())).isEqualTo(traded);
  }

  @Test
  void dividendAdjustedInputIsRefused() {
    ProviderBars full = delivered(PriceBasis.FULLY_ADJUSTED, List.of(flat("AAA", "2024-01-02", "25", 400)),
        List.of());

    assertThatThrownBy(() -> AsTradedConverter.toAsTraded(full, List.of()))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("dividend-adjusted");
  }

  @Test
  void realYahooExportMatchesThePriceFilePublishedBeforeTheSplit() throws URISyntaxException {
    Path current = Path.of(getClass().getResource("/sample-eod/AAPL.csv").toURI());
    ProviderBars adjusted = new CsvBarProvider(current, Optional.empty())
        .fetch(Symbol.of("AAPL"), DateRange.of(LocalDate.of(2020, 8, 10), LocalDate.of(2020, 9, 4)));

    ProviderBars asTraded = AsTradedConverter.toAsTraded(adjusted, List.of());

    DailyBar lastBeforeSplit = asTraded.bars().stream()
        .filter(b -> b.date().equals(LocalDate.of(2020, 8, 28))).findFirst().orElseThrow();
    // AAPL closed at 499.23 on 2020-08-28, the last session before its 4:1 split, on 46.9M shares.
    assertThat(lastBeforeSplit.close()).isBetween(new BigDecimal("499.22"), new BigDecimal("499.24"));
    assertThat(lastBeforeSplit.volume()).isEqualTo(46_907_500L);
  }
}
