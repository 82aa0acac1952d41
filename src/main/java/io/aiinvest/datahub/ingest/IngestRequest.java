package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an ingest run is asked to do.
 *
 * @param from first session to fetch; when empty, {@code start} decides
 * @param to last session to fetch; when empty, or later than the last completed session, the last completed session
 *     of the symbol's exchange (so a provider's live, unfinished bar is never stored)
 */
public record IngestRequest(
    List<Symbol> symbols, Optional<LocalDate> from, Optional<LocalDate> to, Start start, Content content) {

  /** Where a run without {@code from} starts. */
  public enum Start {
    /** The day after the symbol's last stored bar, or the configured default start for a symbol without bars. */
    INCREMENTAL,
    /** Everything the source has: a file holds a whole history, and re-reading it is how corrections arrive. */
    WHOLE_SOURCE
  }

  /** What is stored of the providers' answers. */
  public enum Content {
    BARS_AND_ACTIONS,
    /** Splits and dividends only; the bars delivered with them are dropped. */
    ACTIONS_ONLY
  }

  public IngestRequest {
    symbols = List.copyOf(symbols);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(content, "content");
    if (symbols.stream().distinct().count() != symbols.size()) {
      throw new IllegalArgumentException("a symbol is listed twice: " + symbols);
    }
    // Refuses a start after the end before any provider is asked.
    DateRange.of(from.orElse(null), to.orElse(null));
  }

  /** Bars and actions; without {@code from}, incremental from each symbol's last bar. */
  public static IngestRequest incremental(List<Symbol> symbols, Optional<LocalDate> from, Optional<LocalDate> to) {
    return new IngestRequest(symbols, from, to, Start.INCREMENTAL, Content.BARS_AND_ACTIONS);
  }

  /** Splits and dividends only; without {@code from}, all the provider has. */
  public static IngestRequest actionsOnly(List<Symbol> symbols, Optional<LocalDate> from, Optional<LocalDate> to) {
    return new IngestRequest(symbols, from, to, Start.WHOLE_SOURCE, Content.ACTIONS_ONLY);
  }
}
