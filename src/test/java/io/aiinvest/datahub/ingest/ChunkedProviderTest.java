package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.provider.ProviderException;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkedProviderTest {
  private static final Symbol AAA = Symbol.of("AAA");

  /** Answers each range with the bars and actions dated in it; {@code failures} by the range's first day. */
  private static final class Scripted implements BarProvider {
    final List<DateRange> requests = new ArrayList<>();
    final List<DailyBar> bars;
    final List<CorporateAction> actions;
    final Map<LocalDate, Kind> failures;

    Scripted(List<DailyBar> bars, List<CorporateAction> actions, Map<LocalDate, Kind> failures) {
      this.bars = bars;
      this.actions = actions;
      this.failures = failures;
    }

    @Override
    public ProviderId id() {
      return ProviderId.of("test");
    }

    @Override
    public synchronized ProviderBars fetch(Symbol symbol, DateRange range) {
      requests.add(range);
      Kind failure = failures.get(range.from().orElseThrow());
      if (failure != null) {
        throw new ProviderException(id(), failure, "scripted " + failure);
      }
      return new ProviderBars(symbol, id(), PriceBasis.SPLIT_ADJUSTED,
          bars.stream().filter(b -> range.contains(b.date())).toList(),
          actions.stream().filter(a -> range.contains(a.exDate())).toList(), List.of());
    }
  }

  private static DateRange range(String from, String to) {
    return DateRange.of(LocalDate.parse(from), LocalDate.parse(to));
  }

  @Test
  void cutsALongRangeIntoConsecutiveChunksOfAtMostTheLimit() {
    assertThat(ChunkedProvider.chunks(range("2024-01-01", "2024-01-25"), 10)).containsExactly(
        range("2024-01-01", "2024-01-10"), range("2024-01-11", "2024-01-20"), range("2024-01-21", "2024-01-25"));
  }

  @Test
  void asksInOneRequestWhenTheRangeFitsIsOpenOrThereIsNoLimit() {
    DateRange tenDays = range("2024-01-01", "2024-01-10");

    assertThat(ChunkedProvider.chunks(tenDays, 10)).containsExactly(tenDays);
    assertThat(ChunkedProvider.chunks(DateRange.of(LocalDate.parse("2000-01-01"), null), 10)).hasSize(1);
    assertThat(ChunkedProvider.chunks(range("2000-01-01", "2024-01-01"), 0)).hasSize(1);
  }

  @Test
  void mergesTheChunksSoASplitInALaterChunkReachesEarlierBars() {
    Scripted provider = new Scripted(
        List.of(flat("AAA", "2024-01-02", "10", 100), flat("AAA", "2024-01-15", "5", 200)),
        List.of(split("AAA", "2024-01-12", "2", "1")), Map.of());

    ProviderBars merged = new ChunkedProvider(provider, 10).fetch(AAA, range("2024-01-01", "2024-01-20"));

    assertThat(provider.requests).containsExactly(range("2024-01-01", "2024-01-10"), range("2024-01-11", "2024-01-20"));
    assertThat(merged.bars()).extracting(DailyBar::date)
        .containsExactly(LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-15"));
    assertThat(merged.actions()).singleElement().extracting(CorporateAction::exDate)
        .isEqualTo(LocalDate.parse("2024-01-12"));
    ProviderBars asTraded = AsTradedConverter.toAsTraded(merged, List.of());
    assertThat(asTraded.bars().get(0).close()).isEqualByComparingTo("20");
  }

  @Test
  void skipsChunksWithoutDataSuchAsTheYearsBeforeAListing() {
    Scripted provider = new Scripted(List.of(flat("AAA", "2024-01-15", "5", 200)), List.of(),
        Map.of(LocalDate.parse("2024-01-01"), Kind.NO_DATA));

    ProviderBars merged = new ChunkedProvider(provider, 10).fetch(AAA, range("2024-01-01", "2024-01-20"));

    assertThat(merged.bars()).hasSize(1);
  }

  @Test
  void reportsNoDataWhenNoChunkHasAny() {
    Scripted provider = new Scripted(List.of(), List.of(),
        Map.of(LocalDate.parse("2024-01-01"), Kind.NO_DATA, LocalDate.parse("2024-01-11"), Kind.NO_DATA));

    assertThatThrownBy(() -> new ChunkedProvider(provider, 10).fetch(AAA, range("2024-01-01", "2024-01-20")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA))
        .hasMessageContaining("no data in any of 2 requests");
  }

  @Test
  void anyOtherFailureOfAChunkFailsTheWholeFetch() {
    Scripted provider = new Scripted(List.of(flat("AAA", "2024-01-02", "10", 100)), List.of(),
        Map.of(LocalDate.parse("2024-01-11"), Kind.UNAVAILABLE));

    assertThatThrownBy(() -> new ChunkedProvider(provider, 10).fetch(AAA, range("2024-01-01", "2024-01-20")))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
  }
}
