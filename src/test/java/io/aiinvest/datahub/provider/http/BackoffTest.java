package io.aiinvest.datahub.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1_000), Duration.ofSeconds(60));

  @Test
  void doublesEachRetryWithinTheJitteredHalf() {
    assertThat(backoff.delay(1, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.delay(1, Optional.empty(), 0.999)).isEqualTo(Duration.ofMillis(99));
    assertThat(backoff.delay(2, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(3, Optional.empty(), 0.5)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void capsTheWaitAtMax() {
    assertThat(backoff.delay(10, Optional.empty(), 0.999)).isLessThanOrEqualTo(Duration.ofMillis(1_000));
    assertThat(backoff.delay(64, Optional.empty(), 0.0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void serverRetryAfterReplacesTheComputedWait() {
    assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(7)), 0.3)).isEqualTo(Duration.ofSeconds(7));
    assertThat(backoff.honours(Duration.ofSeconds(60))).isTrue();
    assertThat(backoff.honours(Duration.ofSeconds(61))).isFalse();
  }

  @Test
  void refusesNegativeRetriesAndInvertedBounds() {
    assertThatThrownBy(() -> new Backoff(-1, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(DatahubException.class);
    assertThatThrownBy(() -> new Backoff(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(DatahubException.class);
  }
}
