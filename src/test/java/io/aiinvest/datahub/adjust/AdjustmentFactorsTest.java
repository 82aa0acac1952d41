package io.aiinvest.datahub.adjust;

import static io.aiinvest.datahub.testing.Bars.bar;
import static io.aiinvest.datahub.testing.Bars.dividend;
import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.ActionType;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed adjustments (docs/adjustments.md): every expected number below is worked out from the definitions,
 * split n:m → prices × m/n and volumes × n/m before the ex-date, dividend D → prices × (1 − D / close(t−1)).
 */
class AdjustmentFactorsTest {
  private static final Symbol S = Symbol.of("AAA");

  /** Factors as the adjuster builds them, each dividend measured against the latest of {@code bars} before it. */
  private static AdjustmentFactors factors(List<DailyBar> bars, List<CorporateAction> actions) {
    Map<LocalDate, DailyBar> previous = new HashMap<>();
    for (CorporateAction action : actions) {
      bars.stream().filter(b -> b.date().isBefore(action.exDate())).reduce((a, b) -> b)
          .ifPresent(b -> previous.put(action.exDate(), b));
    }
    return AdjustmentFactors.of(S, actions, previous);
  }

  private static List<AdjustedBar> adjust(List<DailyBar> bars, List<CorporateAction> actions, AdjustMode mode) {
    AdjustmentFactors factors = factors(bars, actions);
    return bars.stream().map(b -> factors.apply(b, mode)).toList();
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void fourForOneSplitQuartersEarlierPricesAndQuadruplesTheirVolume() {
    List<DailyBar> bars = List.of(bar("AAA", "2020-08-28", "500", "510", "490", "499.23", 1000),
        bar("AAA", "2020-08-31", "127", "131", "126", "129.04", 5000));

    List<AdjustedBar> adjusted = adjust(bars, List.of(split("AAA", "2020-08-31", "4", "1")), AdjustMode.SPLIT);

    AdjustedBar before = adjusted.get(0);
    assertThat(List.of(before.open(), before.high(), before.low(), before.close()))
        .containsExactly(d("125.000000"), d("127.500000"), d("122.500000"), d("124.807500"));
    assertThat(before.volume()).isEqualTo(4000);
    assertThat(before.priceFactor()).isEqualByComparingTo("0.25");
    assertThat(before.volumeFactor()).isEqualByComparingTo("4");
    AdjustedBar exDate = adjusted.get(1);
    assertThat(exDate.close()).isEqualTo(d("129.040000"));
    assertThat(exDate.volume()).isEqualTo(5000);
    assertThat(exDate.priceFactor()).isEqualByComparingTo("1");
  }

  @Test
  void twentyForOneSplitDividesEarlierPricesByTwenty() {
    List<DailyBar> bars = List.of(bar("AAA", "2022-06-03", "2400", "2500", "2390.10", "2447.00", 3_000_123),
        flat("AAA", "2022-06-06", "124.79", 7_000_000));

    AdjustedBar before = adjust(bars, List.of(split("AAA", "2022-06-06", "20", "1")), AdjustMode.SPLIT).get(0);

    assertThat(List.of(before.open(), before.high(), before.low(), before.close()))
        .containsExactly(d("120.000000"), d("125.000000"), d("119.505000"), d("122.350000"));
    assertThat(before.volume()).isEqualTo(60_002_460);
  }

  @Test
  void oneForTenReverseSplitMultipliesEarlierPricesByTenAndRoundsVolumesHalfEven() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-05-01", "1.2345", 12_345), flat("AAA", "2024-05-02", "1.25",
        12_355), flat("AAA", "2024-05-03", "12.40", 1_000));

    List<AdjustedBar> adjusted = adjust(bars, List.of(split("AAA", "2024-05-03", "1", "10")), AdjustMode.SPLIT);

    assertThat(adjusted).extracting(AdjustedBar::close)
        .containsExactly(d("12.345000"), d("12.500000"), d("12.400000"));
    // 1234.5 and 1235.5 shares: half-even to the nearest even whole share.
    assertThat(adjusted).extracting(AdjustedBar::volume).containsExactly(1234L, 1236L, 1000L);
    assertThat(adjusted.get(0).priceFactor()).isEqualByComparingTo("10");
    assertThat(adjusted.get(0).volumeFactor()).isEqualByComparingTo("0.1");
  }

  @Test
  void specialDividendScalesEarlierPricesByOneMinusItsShareOfThePreviousClose() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-02-29", "48", 100), bar("AAA", "2024-03-01", "49", "51", "48.5",
        "50", 200), flat("AAA", "2024-03-04", "44", 300));
    List<CorporateAction> actions = List.of(dividend("AAA", "2024-03-04", "5"));

    List<AdjustedBar> total = adjust(bars, actions, AdjustMode.TOTAL);

    // 1 - 5 / 50 = 0.9 on every bar before 2024-03-04.
    assertThat(total).extracting(AdjustedBar::close).containsExactly(d("43.200000"), d("45.000000"), d("44.000000"));
    assertThat(total.get(1).open()).isEqualTo(d("44.100000"));
    assertThat(total.get(1).high()).isEqualTo(d("45.900000"));
    assertThat(total.get(1).low()).isEqualTo(d("43.650000"));
    assertThat(total).extracting(AdjustedBar::volume).containsExactly(100L, 200L, 300L);
    assertThat(total.get(0).priceFactor()).isEqualByComparingTo("0.9");
    assertThat(adjust(bars, actions, AdjustMode.SPLIT)).extracting(AdjustedBar::close)
        .containsExactly(d("48.000000"), d("50.000000"), d("44.000000"));
  }

  @Test
  void splitAndDividendOnTheSameDayTakeTheSplitFirstAndTheDividendPerNewShare() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-06-07", "100", 1000), flat("AAA", "2024-06-10", "24.80", 4100));
    List<CorporateAction> actions = List.of(dividend("AAA", "2024-06-10", "0.25"), split("AAA", "2024-06-10", "4",
        "1"));

    AdjustmentFactors factors = factors(bars, actions);

    // The dividend is measured against the previous close in new shares, 100 / 4 = 25: 1 - 0.25 / 25 = 0.99, and
    // the split's 1/4 times that is 0.2475 (= m/n - D / close(t-1) = 0.25 - 0.0025).
    assertThat(factors.actions()).extracting(f -> f.action().type())
        .containsExactly(ActionType.SPLIT, ActionType.DIVIDEND);
    assertThat(factors.actions().get(1).getPriceFactor()).isEqualByComparingTo("0.99");
    AdjustedBar total = factors.apply(bars.get(0), AdjustMode.TOTAL);
    assertThat(total.priceFactor()).isEqualByComparingTo("0.2475");
    assertThat(total.close()).isEqualTo(d("24.750000"));
    assertThat(total.volume()).isEqualTo(4000);
    assertThat(factors.apply(bars.get(0), AdjustMode.SPLIT).close()).isEqualTo(d("25.000000"));
  }

  @Test
  void factorsAccumulateBackwardsSoTheLatestBarIsNeverAdjusted() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-01-02", "60", 10), flat("AAA", "2024-01-03", "50", 10),
        flat("AAA", "2024-01-04", "49", 10), flat("AAA", "2024-01-05", "50", 20), flat("AAA", "2024-01-08", "24",
        20));
    List<CorporateAction> actions = List.of(dividend("AAA", "2024-01-04", "1"), split("AAA", "2024-01-05", "2",
        "1"), dividend("AAA", "2024-01-08", "0.5"));

    List<AdjustedBar> total = adjust(bars, actions, AdjustMode.TOTAL);

    // 1 - 1/50 = 0.98 before 01-04; 1/2 before 01-05; 1 - 0.5/50 = 0.99 before 01-08.
    assertThat(total).extracting(AdjustedBar::priceFactor).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(d("0.4851"), d("0.4851"), d("0.495"), d("0.99"), d("1"));
    assertThat(total).extracting(AdjustedBar::close)
        .containsExactly(d("29.106000"), d("24.255000"), d("24.255000"), d("49.500000"), d("24.000000"));
    assertThat(total).extracting(AdjustedBar::volume).containsExactly(20L, 20L, 20L, 20L, 20L);
  }

  @Test
  void repeatingFactorsKeepFullPrecisionAndRoundHalfEvenOnlyTheFinalPrice() {
    List<DailyBar> bars = List.of(bar("AAA", "2024-01-02", "10", "100.000002", "10", "20", 3),
        flat("AAA", "2024-01-03", "7", 9));

    AdjustedBar before = adjust(bars, List.of(split("AAA", "2024-01-03", "3", "1")), AdjustMode.SPLIT).get(0);

    assertThat(before.priceFactor()).isEqualTo(BigDecimal.ONE.divide(d("3"), AdjustmentFactors.MATH));
    assertThat(before.open()).isEqualTo(d("3.333333"));
    assertThat(before.high()).isEqualTo(d("33.333334"));
    assertThat(before.close()).isEqualTo(d("6.666667"));
  }

  @Test
  void noAdjustmentReturnsTheStoredValues() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-01-02", "60.5", 10), flat("AAA", "2024-01-03", "30", 10));

    AdjustedBar none = adjust(bars, List.of(split("AAA", "2024-01-03", "2", "1")), AdjustMode.NONE).get(0);

    assertThat(none.close()).isEqualTo(d("60.500000"));
    assertThat(none.volume()).isEqualTo(10);
    assertThat(none.priceFactor()).isEqualByComparingTo("1");
  }

  @Test
  void dividendWithoutAnEarlierStoredBarAdjustsNothingStoredButIsNeverTakenAsOne() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-01-05", "50", 10), flat("AAA", "2024-01-08", "51", 10));
    AdjustmentFactors factors = factors(bars, List.of(dividend("AAA", "2024-01-05", "0.5")));

    assertThat(bars.stream().map(b -> factors.apply(b, AdjustMode.TOTAL).close()))
        .containsExactly(d("50.000000"), d("51.000000"));
    assertThat(factors.actions().get(0).problem()).hasValueSatisfying(p -> assertThat(p)
        .contains("no stored bar before it"));
    assertThatThrownBy(() -> factors.priceFactor(LocalDate.of(2024, 1, 4), AdjustMode.TOTAL))
        .isInstanceOf(AdjustmentException.class)
        .hasMessageContaining("AAA")
        .hasMessageContaining("2024-01-05");
  }

  @Test
  void dividendWhosePreviousStoredBarIsMoreThanTwoWeeksOldCannotBeApplied() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-01-02", "50", 10), flat("AAA", "2024-02-01", "51", 10));
    AdjustmentFactors factors = factors(bars, List.of(dividend("AAA", "2024-02-01", "0.5")));

    assertThatThrownBy(() -> factors.apply(bars.get(0), AdjustMode.TOTAL))
        .isInstanceOf(AdjustmentException.class)
        .hasMessageContaining("latest stored bar before it is 2024-01-02, 30 days earlier")
        .hasMessageContaining("close(t-1) is missing");
    assertThat(factors.apply(bars.get(0), AdjustMode.SPLIT).close()).isEqualTo(d("50.000000"));
  }

  @Test
  void dividendThatIsNotBelowThePreviousCloseCannotBeApplied() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-03-01", "50", 10), flat("AAA", "2024-03-04", "1", 10));
    AdjustmentFactors factors = factors(bars, List.of(dividend("AAA", "2024-03-04", "50")));

    assertThatThrownBy(() -> factors.apply(bars.get(0), AdjustMode.TOTAL))
        .isInstanceOf(AdjustmentException.class)
        .hasMessageContaining("dividend 50 ex 2024-03-04 is not below the previous close 50 (2024-03-01)");
  }

  @Test
  void twoWeekOldPreviousBarStillStandsForTheCloseBeforeALongClosure() {
    List<DailyBar> bars = List.of(flat("AAA", "2024-02-01", "50", 10), flat("AAA", "2024-02-15", "50", 10));
    AdjustmentFactors factors = factors(bars, List.of(dividend("AAA", "2024-02-15", "1")));

    assertThat(factors.apply(bars.get(0), AdjustMode.TOTAL).close()).isEqualTo(d("49.000000"));
  }
}
