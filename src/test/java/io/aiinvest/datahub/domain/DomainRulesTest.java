package io.aiinvest.datahub.domain;

import static io.aiinvest.datahub.testing.Bars.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainRulesTest {
  @Test
  void symbolsAreUpperCasedAndValidated() {
    assertThat(Symbol.of(" brk.b ").value()).isEqualTo("BRK.B");
    assertThat(Symbol.of("^GSPC").value()).isEqualTo("^GSPC");
    assertThat(Symbol.of("EURUSD=X").value()).isEqualTo("EURUSD=X");
    assertThatThrownBy(() -> Symbol.of("A B")).hasMessageContaining("invalid symbol 'A B'");
    assertThatThrownBy(() -> Symbol.of("X".repeat(21))).isInstanceOf(DatahubException.class);
    assertThatThrownBy(() -> Symbol.of("")).isInstanceOf(DatahubException.class);
  }

  @Test
  void aBarBreakingARuleCannotExist() {
    assertThatThrownBy(() -> bar("AAA", "2024-01-02", "10", "9", "11", "10", 1))
        .isInstanceOf(InvalidBarException.class)
        .satisfies(e -> assertThat(((InvalidBarException) e).rule()).isIn(BarRule.HIGH_GE_LOW,
            BarRule.HIGH_GE_OPEN));
    assertThatThrownBy(() -> bar("AAA", "2024-01-02", "10", "11", "9", "10", -1))
        .satisfies(e -> assertThat(((InvalidBarException) e).rule()).isEqualTo(BarRule.VOLUME_NON_NEGATIVE));
    assertThatThrownBy(() -> bar("AAA", "2024-01-02", "0", "11", "0", "10", 1))
        .satisfies(e -> assertThat(((InvalidBarException) e).rule()).isEqualTo(BarRule.OPEN_POSITIVE));
  }

  @Test
  void deliveredDigitsAreKeptUntilPricesAreRoundedToTheStoreScale() {
    DailyBar bar = bar("AAA", "2024-01-02", "74.05999755859375", "75", "74", "74.5", 1);

    assertThat(bar.open()).isEqualTo(new BigDecimal("74.05999755859375"));
    assertThat(bar.high()).isEqualTo(new BigDecimal("75.000000"));
    assertThat(bar.atPriceScale().open()).isEqualTo(new BigDecimal("74.059998"));
    assertThat(bar.atPriceScale().sameValues(bar("AAA", "2024-01-02", "74.059998", "75.0", "74", "74.50", 1)))
        .isTrue();
  }

  @Test
  void actionsAreValidated() {
    Symbol s = Symbol.of("AAA");
    LocalDate d = LocalDate.of(2024, 1, 2);
    ProviderId p = new ProviderId("test");

    assertThatThrownBy(() -> CorporateAction.split(s, d, BigDecimal.ONE, BigDecimal.ONE, p))
        .hasMessageContaining("is 1");
    assertThatThrownBy(() -> CorporateAction.split(s, d, BigDecimal.ZERO, BigDecimal.ONE, p))
        .hasMessageContaining("must be > 0");
    assertThatThrownBy(() -> CorporateAction.dividend(s, d, new BigDecimal("-0.1"), Optional.empty(), p))
        .hasMessageContaining("must be >= 0");
    assertThat(CorporateAction.split(s, d, BigDecimal.ONE, BigDecimal.TEN, p).splitRatio())
        .isEqualByComparingTo("0.1");
  }

  @Test
  void emptyDateRangeIsRefused() {
    assertThatThrownBy(() -> DateRange.of(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
        .hasMessageContaining("is after");
  }
}
