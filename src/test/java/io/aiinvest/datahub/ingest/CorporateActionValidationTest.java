package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.Bars.dividend;
import static io.aiinvest.datahub.testing.Bars.flat;
import static io.aiinvest.datahub.testing.Bars.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.BarProvider;
import io.aiinvest.datahub.provider.ProviderBars;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.Bars;
import io.aiinvest.datahub.testing.TestPostgres;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ingest refuses actions that cannot be right, with a reason in the outcome, and stores the rest (issue 4, item 6). */
class CorporateActionValidationTest {
  /** Ingest judges action dates by the bundled calendars; the clock plays no part in that. */
  private static final SymbolSessions SESSIONS = new SymbolSessions(CalendarRegistry.loadBundled(),
      SymbolSessions.DEFAULT_FALLBACK_ZONE, Clock.fixed(Instant.parse("2025-08-11T22:00:00Z"), ZoneOffset.UTC));
  private static final Symbol NYSE = Symbol.of("NYS");
  private static final Symbol UNKNOWN = Symbol.of("UNK");
  private static final DateRange JULY = DateRange.of(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 31));

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private IngestService ingest;

  /** A provider answering with fixed bars and actions, complete over {@code coverage} when given. */
  private record Fixed(List<DailyBar> bars, List<CorporateAction> actions, Optional<DateRange> coverage)
      implements BarProvider {
    @Override
    public ProviderId id() {
      return Bars.TEST;
    }

    @Override
    public ProviderBars fetch(Symbol symbol, DateRange range) {
      return new ProviderBars(symbol, Bars.TEST, PriceBasis.AS_TRADED, bars, actions, List.of(), coverage);
    }
  }

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    store.upsertSymbol(new SymbolInfo(NYSE, Optional.empty(), Optional.of("NYSE"), Optional.empty(), Optional.empty(),
        Optional.empty(), true, Optional.empty()));
    store.upsertSymbol(SymbolInfo.of(UNKNOWN));
    ingest = new IngestService(store, SESSIONS);
  }

  @AfterEach
  void close() {
    store.close();
    database.close();
  }

  private SymbolOutcome ingest(Symbol symbol, List<DailyBar> bars, List<CorporateAction> actions) {
    return ingest.ingestOne(symbol, new Fixed(bars, actions, Optional.empty()), DateRange.ALL);
  }

  @Test
  void dividendNotBelowThePreviousCloseIsRefusedWithItsReasonAndTheRestStored() {
    SymbolOutcome outcome = ingest(NYSE, List.of(flat("NYS", "2024-07-01", "20", 10), flat("NYS", "2024-07-02", "19",
        10)), List.of(dividend("NYS", "2024-07-02", "20"), dividend("NYS", "2024-07-01", "0.5")));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.actions().inserted()).isEqualTo(1);
    assertThat(outcome.actions().rejections()).singleElement().satisfies((Rejection r) -> {
      assertThat(r.date()).isEqualTo(LocalDate.of(2024, 7, 2));
      assertThat(r.rule()).isEqualTo("dividend_not_below_previous_close");
      assertThat(r.reason()).isEqualTo("dividend 20 ex 2024-07-02 is not below the previous close 20 (2024-07-01)");
    });
    assertThat(store.actions(NYSE, DateRange.ALL)).containsExactly(dividend("NYS", "2024-07-01", "0.5"));
    assertThat(store.countBars(Optional.of(NYSE))).isEqualTo(2);
  }

  @Test
  void previousCloseComesFromTheStoreWhenTheDeliveryStartsOnTheExDate() {
    store.upsertBars(List.of(flat("NYS", "2024-07-02", "10", 10)));

    SymbolOutcome outcome = ingest(NYSE, List.of(flat("NYS", "2024-07-03", "12", 10)),
        List.of(dividend("NYS", "2024-07-03", "11")));

    assertThat(outcome.actions().rejections()).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("previous close 10 (2024-07-02)"));
  }

  @Test
  void exDateOnAnExchangeHolidayIsRefused() {
    SymbolOutcome outcome = ingest(NYSE, List.of(), List.of(split("NYS", "2024-07-04", "2", "1")));

    assertThat(outcome.actions().rejections()).singleElement().satisfies((Rejection r) -> {
      assertThat(r.rule()).isEqualTo("ex_date_not_a_session");
      assertThat(r.reason()).isEqualTo("split 2:1 ex 2024-07-04: 2024-07-04 is not a session on XNYS, it is"
          + " Independence Day");
    });
    assertThat(store.actions(NYSE, DateRange.ALL)).isEmpty();
  }

  @Test
  void symbolWithoutAKnownExchangeFallsBackToWeekdays() {
    SymbolOutcome outcome = ingest(UNKNOWN, List.of(), List.of(split("UNK", "2024-07-04", "2", "1"),
        dividend("UNK", "2024-07-06", "0.1")));

    assertThat(store.actions(UNKNOWN, DateRange.ALL)).containsExactly(split("UNK", "2024-07-04", "2", "1"));
    assertThat(outcome.actions().rejections()).singleElement().satisfies(r -> assertThat(r.reason())
        .isEqualTo("dividend 0.1 ex 2024-07-06: 2024-07-06 is not a session on weekday fallback (no exchange recorded),"
            + " it is weekend"));
  }

  @Test
  void dividendSharingItsExDateWithASplitIsMeasuredPerNewShare() {
    List<DailyBar> bars = List.of(flat("NYS", "2024-07-01", "100", 10), flat("NYS", "2024-07-02", "25", 40));

    SymbolOutcome tooLarge = ingest(NYSE, bars, List.of(split("NYS", "2024-07-02", "4", "1"),
        dividend("NYS", "2024-07-02", "30")));
    SymbolOutcome plausible = ingest(NYSE, bars, List.of(dividend("NYS", "2024-07-02", "20")));

    // 30 per new share is 120 per old share, above the previous close of 100; 20 per new share is 80, below it.
    assertThat(tooLarge.actions().rejections()).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("restated for the 4-for-1 split of the same day"));
    assertThat(plausible.actions().rejections()).isEmpty();
    assertThat(store.actions(NYSE, DateRange.ALL)).hasSize(2);
  }

  @Test
  void refusedActionInACompleteListWithdrawsNothing() {
    store.upsertActions(List.of(dividend("NYS", "2024-07-10", "0.5"), dividend("NYS", "2024-07-17", "0.5")));

    SymbolOutcome outcome = ingest.ingestOne(NYSE, new Fixed(List.of(), List.of(split("NYS", "2024-07-04", "2", "1")),
        Optional.of(JULY)), DateRange.ALL);
    assertThat(outcome.actions().rejected()).isEqualTo(1);
    assertThat(store.actions(NYSE, DateRange.ALL)).hasSize(2);

    SymbolOutcome clean = ingest.ingestOne(NYSE, new Fixed(List.of(), List.of(dividend("NYS", "2024-07-10", "0.5")),
        Optional.of(JULY)), DateRange.ALL);
    assertThat(clean.actions().withdrawn()).isEqualTo(1);
    assertThat(store.actions(NYSE, DateRange.ALL)).containsExactly(dividend("NYS", "2024-07-10", "0.5"));
  }
}
