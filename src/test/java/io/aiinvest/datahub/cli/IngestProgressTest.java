package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.ActionLoadResult;
import io.aiinvest.datahub.domain.LoadResult;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.testing.SettableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestProgressTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2024-05-01T20:00:00Z"));
  private final StringWriter text = new StringWriter();
  private final IngestProgress progress = new IngestProgress(new PrintWriter(text), clock, Duration.ofSeconds(5));

  private static SymbolOutcome ok(String symbol) {
    return SymbolOutcome.ok(Symbol.of(symbol), ProviderId.of("yahoo"), LoadResult.EMPTY, ActionLoadResult.EMPTY);
  }

  @Test
  void printsRateAndTimeLeftAtMostOncePerInterval() {
    clock.advance(Duration.ofSeconds(2));
    progress.symbolDone(ok("A"), 1, 100);
    clock.advance(Duration.ofSeconds(3));
    progress.symbolDone(ok("B"), 10, 100);
    clock.advance(Duration.ofSeconds(1));
    progress.symbolDone(ok("C"), 12, 100);

    assertThat(text.toString()).isEqualTo("[10/100] 2.0 symbols/s, ETA 45s\n");
  }

  @Test
  void failedSymbolIsPrintedAtOnceAndCountedInLaterLines() {
    clock.advance(Duration.ofSeconds(1));
    progress.symbolDone(SymbolOutcome.failed(Symbol.of("BAD"), "yahoo UNKNOWN_SYMBOL: gone"), 1, 2);
    clock.advance(Duration.ofSeconds(1));
    progress.symbolDone(ok("GOOD"), 2, 2);

    assertThat(text.toString()).isEqualTo("[1/2] BAD FAILED: yahoo UNKNOWN_SYMBOL: gone\n"
        + "[2/2] 1.0 symbols/s, done in 2s, 1 failed\n");
  }

  @Test
  void longDurationsReadAsHoursMinutesAndSeconds() {
    assertThat(IngestProgress.duration(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    assertThat(IngestProgress.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
    assertThat(IngestProgress.duration(Duration.ofMillis(400))).isEqualTo("0s");
  }
}
