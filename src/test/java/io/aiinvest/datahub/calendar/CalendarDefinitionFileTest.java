package io.aiinvest.datahub.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A new exchange is a data file: every rule kind, read from JSON, and the errors a broken file gives. */
class CalendarDefinitionFileTest {

  private final ExchangeDefinitionReader reader = new ExchangeDefinitionReader();
  private final TradingCalendar test = TradingCalendar.of(reader.readResource("calendar-test/XTST.json"));

  @ParameterizedTest(name = "{0} is closed for {1}")
  @CsvSource({
    "2021-12-31, New Year's Day", // Saturday 2022-01-01 observed on the Friday of the year before
    "2024-01-01, New Year's Day",
    "2024-03-29, Good Friday",
    "2024-04-01, Easter Monday",
    "2024-05-06, Early May bank holiday",
    "2024-05-27, Spring bank holiday",
    "2024-08-26, Summer bank holiday",
    "2019-03-15, Ides of March",
    "2024-12-25, Christmas Day",
    "2022-06-03, Platinum Jubilee"
  })
  void everyRuleKindClosesItsDay(LocalDate date, String reason) {
    assertThat(test.isSession(date)).isFalse();
    assertThat(test.findClosureReason(date)).contains(reason);
  }

  @Test
  void aRuleStopsAfterItsLastYear() {
    assertThat(test.isSession(LocalDate.of(2024, 3, 15))).isTrue();
  }

  @Test
  void aHolidayWithoutObservanceOnAWeekendIsSimplyLost() {
    // Christmas 2021 was a Saturday; this exchange does not move it.
    assertThat(test.isSession(LocalDate.of(2021, 12, 24))).isTrue();
    assertThat(test.isSession(LocalDate.of(2021, 12, 27))).isTrue();
  }

  @Test
  void earlyClosesApplyFromTheirFirstYearAndOnTheirWeekdaysOnly() {
    assertThat(test.getSession(LocalDate.of(2019, 12, 24)).earlyClose()).isFalse();
    assertThat(test.getSession(LocalDate.of(2024, 12, 24)).close()).isEqualTo(LocalTime.of(12, 30));
    assertThat(test.getSession(LocalDate.of(2023, 5, 5)).close()).isEqualTo(LocalTime.of(12, 0));
  }

  @Test
  void sessionsAreInTheExchangeZone() {
    Session winter = test.getSession(LocalDate.of(2024, 3, 28));
    Session summer = test.getSession(LocalDate.of(2024, 4, 2));
    assertThat(winter.zone()).isEqualTo(ZoneId.of("Europe/London"));
    assertThat(winter.openInstant()).isEqualTo(Instant.parse("2024-03-28T08:00:00Z"));
    assertThat(summer.openInstant()).isEqualTo(Instant.parse("2024-04-02T07:00:00Z"));
    assertThat(summer.closeInstant()).isEqualTo(Instant.parse("2024-04-02T15:30:00Z"));
  }

  @Test
  void aRegistryFindsAnExchangeFromItsFileByCodeOrAlias() {
    CalendarRegistry registry = new CalendarRegistry(List.of(reader.readResource("calendar-test/XTST.json")));
    assertThat(registry.find("test exchange")).map(TradingCalendar::code).contains("XTST");
  }

  @Test
  void anUnknownFieldIsAnErrorNamingFileAndPosition() {
    String json = minimal("\"holday\": []");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(DatahubException.class)
        .hasMessageStartingWith("calendar file inline.json at line 1, column")
        .hasMessageContaining("Unrecognized field \"holday\"");
  }

  @Test
  void anUnknownRuleTypeIsAnError() {
    String json = minimal("\"holidays\": [{\"name\": \"X\", \"date\": {\"type\": \"lunar\"}}]");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(DatahubException.class)
        .hasMessageStartingWith("calendar file inline.json at line")
        .hasMessageContaining("lunar");
  }

  @Test
  void aMissingZoneIsAnErrorNamingTheExchange() {
    String json = "{\"code\": \"XBAD\", \"coverageFrom\": \"2024-01-01\", \"coverageTo\": \"2024-12-31\","
        + " \"open\": \"09:00\", \"close\": \"17:00\"}";
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("XBAD: 'zone' is missing");
  }

  @Test
  void aDateThatNoYearHasIsAnError() {
    String json = minimal("\"holidays\": [{\"name\": \"X\", \"date\": {\"type\": \"fixed\", \"month\": 2, \"day\": 30}}]");
    assertThatThrownBy(() -> read(json)).isInstanceOf(DatahubException.class).hasMessageContaining("no day 2-30");
  }

  @Test
  void aFifthWeekdayIsAnErrorBecauseNotEveryMonthHasOne() {
    String json = minimal("\"holidays\": [{\"name\": \"X\", \"date\": {\"type\": \"nthWeekday\", \"month\": 5,"
        + " \"weekday\": \"MONDAY\", \"nth\": 5}}]");
    assertThatThrownBy(() -> read(json)).isInstanceOf(DatahubException.class).hasMessageContaining("nth 1-4");
  }

  @Test
  void anEarlyCloseAfterTheRegularCloseIsAnError() {
    String json = minimal("\"earlyCloses\": [{\"close\": \"17:30\", \"day\": {\"name\": \"Late\","
        + " \"date\": {\"type\": \"fixed\", \"month\": 12, \"day\": 24}}}]");
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("XBAD: early close 17:30 for Late is not before the regular close 17:00");
  }

  @Test
  void aSpecialEarlyCloseOnAClosedDayIsAnError() {
    String json = minimal("\"holidays\": [{\"name\": \"Christmas Day\", \"date\": {\"type\": \"fixed\","
        + " \"month\": 12, \"day\": 25}}], \"specialEarlyCloses\": [{\"date\": \"2024-12-25\", \"close\": \"12:00\","
        + " \"name\": \"Typo\"}]");
    ExchangeDefinition definition = read(json);
    assertThatThrownBy(() -> TradingCalendar.of(definition))
        .isInstanceOf(DatahubException.class)
        .hasMessage("XBAD: special early close 2024-12-25 (Typo) is on a day the exchange is closed");
  }

  @Test
  void aSpecialClosureOnAWeekendIsAnError() {
    String json = minimal("\"specialClosures\": [{\"date\": \"2024-07-06\", \"name\": \"Saturday storm\"}]");
    ExchangeDefinition definition = read(json);
    assertThatThrownBy(() -> TradingCalendar.of(definition))
        .isInstanceOf(DatahubException.class)
        .hasMessage("XBAD: special closure 2024-07-06 (Saturday storm) is on a weekend");
  }

  private ExchangeDefinition read(String json) {
    return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline.json");
  }

  private static String minimal(String extra) {
    return "{\"code\": \"XBAD\", \"zone\": \"UTC\", \"coverageFrom\": \"2024-01-01\", \"coverageTo\": \"2024-12-31\","
        + " \"weekend\": [\"SATURDAY\", \"SUNDAY\"], \"open\": \"09:00\", \"close\": \"17:00\", " + extra + "}";
  }
}
