package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The dates a repair looks for missing sessions in, before the symbol's own window (listing or first bar to last
 * completed session or last bar) narrows it.
 */
public sealed interface RepairWindow {
  /** The range asked for, for a symbol whose exchange is in {@code zone}. */
  DateRange resolve(ZoneId zone, Clock clock);

  /** The last {@code days} calendar days up to today in the exchange's zone: the nightly repair. */
  record Lookback(int days) implements RepairWindow {
    public Lookback {
      if (days < 1) {
        throw new DatahubException("--lookback-days must be >= 1, got " + days);
      }
    }

    @Override
    public DateRange resolve(ZoneId zone, Clock clock) {
      LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
      return new DateRange(Optional.of(today.minusDays(days)), Optional.empty());
    }
  }

  /** Fixed dates, both inclusive: an operator's targeted repair. */
  record Between(LocalDate from, LocalDate to) implements RepairWindow {
    public Between {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.isAfter(to)) {
        throw new DatahubException("repair window is empty: --from " + from + " is after --to " + to);
      }
    }

    @Override
    public DateRange resolve(ZoneId zone, Clock clock) {
      return DateRange.of(from, to);
    }
  }
}
