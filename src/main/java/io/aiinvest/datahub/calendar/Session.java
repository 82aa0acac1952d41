package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One trading session of an exchange: the day and its opening and closing time in the exchange's local time.
 *
 * @param earlyClose true when the exchange closes before its regular time on this day
 * @param zone the exchange's time zone, so that callers can turn open and close into instants
 */
public record Session(LocalDate date, LocalTime open, LocalTime close, boolean earlyClose, ZoneId zone) {

  public Session {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(zone, "zone");
    if (!open.isBefore(close)) {
      throw new DatahubException("session " + date + ": open " + open + " is not before close " + close);
    }
  }

  public ZonedDateTime openTime() {
    return ZonedDateTime.of(date, open, zone);
  }

  public ZonedDateTime closeTime() {
    return ZonedDateTime.of(date, close, zone);
  }

  public Instant openInstant() {
    return openTime().toInstant();
  }

  public Instant closeInstant() {
    return closeTime().toInstant();
  }
}
