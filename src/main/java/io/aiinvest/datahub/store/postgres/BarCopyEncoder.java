package io.aiinvest.datahub.store.postgres;

import io.aiinvest.datahub.domain.DailyBar;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes bars in COPY's text format. Every field is a validated symbol, date, number or provider name, so none can
 * hold a tab, newline or backslash that would need escaping.
 */
public final class BarCopyEncoder {
  private BarCopyEncoder() {}

  /** Columns in the order {@link #encode} writes them. */
  public static final String COLUMNS = "symbol, \"timestamp\", open, high, low, close, volume, adjusted_close, source";

  public static byte[] encode(List<DailyBar> bars) {
    StringBuilder out = new StringBuilder(bars.size() * 96);
    for (DailyBar bar : bars) {
      appendValues(out, bar);
      out.append('\t').append(bar.source().value()).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Symbol, date, prices, volume and adjusted close, tab-separated, as PostgreSQL prints them. */
  static void appendValues(StringBuilder out, DailyBar bar) {
    out.append(bar.symbol().value()).append('\t')
        .append(bar.date()).append('\t')
        .append(bar.open().toPlainString()).append('\t')
        .append(bar.high().toPlainString()).append('\t')
        .append(bar.low().toPlainString()).append('\t')
        .append(bar.close().toPlainString()).append('\t')
        .append(bar.volume()).append('\t');
    if (bar.adjustedClose().isPresent()) {
      out.append(bar.adjustedClose().get().toPlainString());
    } else {
      out.append("\\N");
    }
  }

  /** "symbol TAB date", the key of a row in COPY text form. */
  static String key(DailyBar bar) {
    return bar.symbol().value() + '\t' + bar.date();
  }
}
