package io.aiinvest.datahub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.RepairAttempt;
import io.aiinvest.datahub.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RepairPolicyTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static RepairAttempt attempts(int n, String lastAttemptAt) {
    Instant last = Instant.parse(lastAttemptAt);
    return new RepairAttempt(Symbol.of("HALT"), LocalDate.of(2025, 7, 1), n, last, last, ProviderId.CSV,
        "no bar delivered for the session");
  }

  @Test
  void waitDoublesWithEveryAttemptCountedInExchangeDays() {
    // 2025-07-02T01:00Z is still July 1st in New York: the wait counts from the exchange's day.
    String lastAttempt = "2025-07-02T01:00:00Z";

    assertThat(RepairPolicy.DEFAULT.nextAttemptOn(attempts(1, lastAttempt), NEW_YORK))
        .contains(LocalDate.of(2025, 7, 2));
    assertThat(RepairPolicy.DEFAULT.nextAttemptOn(attempts(2, lastAttempt), NEW_YORK))
        .contains(LocalDate.of(2025, 7, 3));
    assertThat(RepairPolicy.DEFAULT.nextAttemptOn(attempts(3, lastAttempt), NEW_YORK))
        .contains(LocalDate.of(2025, 7, 5));
    assertThat(RepairPolicy.DEFAULT.nextAttemptOn(attempts(4, lastAttempt), NEW_YORK))
        .contains(LocalDate.of(2025, 7, 9));
  }

  @Test
  void givesUpAfterTheMaximumNumberOfAttempts() {
    RepairAttempt fifth = attempts(5, "2025-07-16T22:00:00Z");

    assertThat(RepairPolicy.DEFAULT.gaveUp(fifth)).isTrue();
    assertThat(RepairPolicy.DEFAULT.nextAttemptOn(fifth, NEW_YORK)).isEmpty();
    assertThat(new RepairPolicy(6, 1).nextAttemptOn(fifth, NEW_YORK)).contains(LocalDate.of(2025, 8, 1));
  }

  @Test
  void refusesPoliciesThatWouldNeverTryOrNeverWait() {
    assertThatThrownBy(() -> new RepairPolicy(0, 1)).isInstanceOf(DatahubException.class)
        .hasMessageContaining("max attempts");
    assertThatThrownBy(() -> new RepairPolicy(5, 0)).isInstanceOf(DatahubException.class)
        .hasMessageContaining("backoff");
  }
}
