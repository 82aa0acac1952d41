package io.aiinvest.datahub.adjust;

import static io.aiinvest.datahub.testing.Bars.dividend;
import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.ActionRevision;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.TestPostgres;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adjusted reads on the real PostgreSQL store: factors come from the stored actions at every read. */
class AdjusterTest {
  private static final Symbol AAA = Symbol.of("AAA");
  private static final DateRange JAN_2 = DateRange.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2));

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private Adjuster adjuster;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    store.upsertSymbol(SymbolInfo.of(AAA));
    store.upsertBars(List.of(flat("AAA", "2024-01-02", "100", 1000), flat("AAA", "2024-01-03", "102", 1000),
        flat("AAA", "2024-01-04", "40", 2000), flat("AAA", "2024-01-05", "39.6", 2000)));
    adjuster = new Adjuster(store);
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  private BigDecimal totalClose(DateRange range) {
    return adjuster.bars(AAA, range, AdjustMode.TOTAL).get(0).close();
  }

  @Test
  void actionsAfterTheRangeAdjustItWithClosesReadOutsideIt() {
    store.upsertActions(List.of(split("AAA", "2024-01-04", "2", "1"), dividend("AAA", "2024-01-05", "0.4")));

    List<AdjustedBar> total = adjuster.bars(AAA, JAN_2, AdjustMode.TOTAL);

    // Split 2:1 on 01-04 and dividend 0.4 on 01-05 against the 01-04 close of 40: 100 x 1/2 x 0.99.
    assertThat(total).singleElement().satisfies(b -> {
      assertThat(b.close()).isEqualTo(new BigDecimal("49.500000"));
      assertThat(b.volume()).isEqualTo(2000);
    });
    assertThat(adjuster.bars(AAA, JAN_2, AdjustMode.SPLIT).get(0).close()).isEqualTo(new BigDecimal("50.000000"));
    assertThat(adjuster.bars(AAA, DateRange.ALL, AdjustMode.TOTAL)).extracting(AdjustedBar::close).containsExactly(
        new BigDecimal("49.500000"), new BigDecimal("50.490000"), new BigDecimal("39.600000"),
        new BigDecimal("39.600000"));
  }

  @Test
  void newSplitChangesTheAdjustedSeriesButNoStoredBar() {
    List<DailyBar> storedBefore = store.bars(AAA, DateRange.ALL);
    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("100.000000"));

    store.upsertActions(List.of(split("AAA", "2024-01-04", "5", "2")));

    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("40.000000"));
    assertThat(store.bars(AAA, DateRange.ALL)).isEqualTo(storedBefore);
    assertThat(store.revisions(AAA, DateRange.ALL)).isEmpty();
  }

  @Test
  void revisedDividendChangesTheFactorAndIsRecorded() {
    store.upsertActions(List.of(dividend("AAA", "2024-01-03", "1")));
    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("99.000000"));

    store.upsertActions(List.of(dividend("AAA", "2024-01-03", "2.5")));

    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("97.500000"));
    assertThat(store.actionRevisions(AAA, DateRange.ALL)).singleElement()
        .satisfies(r -> assertThat(r.change()).isEqualTo(ActionRevision.Change.REVISED));
  }

  @Test
  void withdrawnDividendNoLongerAdjustsAndIsRecorded() {
    store.upsertActions(List.of(dividend("AAA", "2024-01-03", "1"), split("AAA", "2024-01-04", "2", "1")));
    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("49.500000"));

    store.replaceActions(AAA, DateRange.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)), Bars.TEST,
        List.of(split("AAA", "2024-01-04", "2", "1")));

    assertThat(totalClose(JAN_2)).isEqualTo(new BigDecimal("50.000000"));
    assertThat(store.actionRevisions(AAA, DateRange.ALL)).singleElement().satisfies(r -> {
      assertThat(r.change()).isEqualTo(ActionRevision.Change.WITHDRAWN);
      assertThat(r.previous().dividendAmount()).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("1"));
    });
  }

  @Test
  void eachActionIsListedWithItsOwnFactorAndThePreviousCloseItWasMeasuredAgainst() {
    store.upsertActions(List.of(dividend("AAA", "2024-01-05", "0.4"), split("AAA", "2024-01-04", "2", "1")));

    List<ActionFactor> factors = adjuster.actionFactors(AAA, DateRange.ALL);

    assertThat(factors).hasSize(2);
    assertThat(factors.get(0).getPriceFactor()).isEqualByComparingTo("0.5");
    assertThat(factors.get(0).volumeFactor()).isEqualByComparingTo("2");
    assertThat(factors.get(1).previousBar()).map(DailyBar::date).contains(LocalDate.of(2024, 1, 4));
    assertThat(factors.get(1).getPriceFactor()).isEqualByComparingTo("0.99");
    assertThat(factors.get(1).problem()).isEqualTo(Optional.empty());
  }
}
