package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Short constructors for test bars and actions. */
public final class Bars {
  private Bars() {}

  public static final ProviderId TEST = new ProviderId("test");

  public static DailyBar bar(String symbol, String date, String open, String high, String low, String close,
      long volume) {
    return new DailyBar(Symbol.of(symbol), LocalDate.parse(date), new BigDecimal(open), new BigDecimal(high),
        new BigDecimal(low), new BigDecimal(close), volume, Optional.empty(), TEST);
  }

  /** A flat bar: open = high = low = close. */
  public static DailyBar flat(String symbol, String date, String price, long volume) {
    return bar(symbol, date, price, price, price, price, volume);
  }

  public static CorporateAction split(String symbol, String exDate, String numerator, String denominator) {
    return CorporateAction.split(Symbol.of(symbol), LocalDate.parse(exDate), new BigDecimal(numerator),
        new BigDecimal(denominator), TEST);
  }

  public static CorporateAction dividend(String symbol, String exDate, String amount) {
    return CorporateAction.dividend(Symbol.of(symbol), LocalDate.parse(exDate), new BigDecimal(amount),
        Optional.of("USD"), TEST);
  }
}
