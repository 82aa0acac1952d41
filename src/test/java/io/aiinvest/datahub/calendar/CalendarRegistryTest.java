package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarRegistryTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final CalendarRegistry registry = CalendarRegistry.loadBundled();

  @ParameterizedTest(name = "''{0}'' is XNYS")
  @ValueSource(strings = {
    "XNYS", "xnys", "NYSE", "nyse", "NYQ", "XNAS", "NASDAQ", "Nasdaq", "NMS", "NGM", "NCM", "NasdaqGS",
    "ARCA", "PCX", "NYSE Arca", "NYSEArca", "BATS", "AMEX", "XASE", "NYSE American", " nyse-mkt "
  })
  void commonNamesOfUsExchangesFindTheNyseCalendar(String name) {
    assertThat(registry.find(name)).map(TradingCalendar::code).contains("XNYS");
    assertThat(registry.calendarFor(Optional.of(name), NEW_YORK).isWeekdayFallback()).isFalse();
  }

  @Test
  void anUnknownExchangeGetsAWeekdayCalendarThatSaysSo() {
    TradingCalendar calendar = registry.calendarFor(Optional.of("XTSE"), ZoneId.of("America/Toronto"));

    assertThat(calendar.isWeekdayFallback()).isTrue();
    assertThat(calendar.zone()).isEqualTo(ZoneId.of("America/Toronto"));
    // Every Monday to Friday trades, holidays included, 09:30 to 16:00 local time.
    Session independenceDay = calendar.getSession(LocalDate.of(2024, 7, 4));
    assertThat(independenceDay.open()).isEqualTo(LocalTime.of(9, 30));
    assertThat(independenceDay.close()).isEqualTo(LocalTime.of(16, 0));
    assertThat(calendar.isSession(LocalDate.of(2024, 7, 6))).isFalse();
    assertThat(calendar.sessions(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)))
        .hasSize(262)
        .allSatisfy(s -> assertThat(s.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
  }

  @Test
  void aSymbolWithoutExchangeGetsTheWeekdayCalendar() {
    assertThat(registry.calendarFor(Optional.empty(), NEW_YORK).isWeekdayFallback()).isTrue();
    assertThat(registry.calendarFor(Optional.of(" "), NEW_YORK).isWeekdayFallback()).isTrue();
  }

  @Test
  void theWeekdayCalendarOfAZoneIsBuiltOnce() {
    assertThat(registry.calendarFor(Optional.of("XLON"), NEW_YORK))
        .isSameAs(registry.calendarFor(Optional.empty(), NEW_YORK));
  }

  @Test
  void getNamesTheKnownCalendarsWhenTheExchangeIsUnknown() {
    assertThat(registry.find("XTSE")).isEmpty();
    assertThatThrownBy(() -> registry.get("XTSE"))
        .isInstanceOf(DatahubException.class)
        .hasMessage("no trading calendar for exchange 'XTSE'; known: XNYS");
  }

  @Test
  void twoExchangesCannotClaimTheSameName() {
    ExchangeDefinition first = weekdayExchange("XAAA", List.of("SHARED"));
    ExchangeDefinition second = weekdayExchange("XBBB", List.of("shared"));

    assertThatThrownBy(() -> new CalendarRegistry(List.of(first, second)))
        .isInstanceOf(DatahubException.class)
        .hasMessage("exchange name 'shared' is claimed by both XAAA and XBBB");
  }

  private static ExchangeDefinition weekdayExchange(String code, List<String> aliases) {
    ExchangeDefinition weekdays = ExchangeDefinition.weekdays(NEW_YORK);
    return new ExchangeDefinition(
        code,
        code,
        weekdays.zone(),
        aliases,
        LocalDate.of(2024, 1, 1),
        LocalDate.of(2024, 12, 31),
        weekdays.weekend(),
        weekdays.open(),
        weekdays.close(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "test");
  }
}
