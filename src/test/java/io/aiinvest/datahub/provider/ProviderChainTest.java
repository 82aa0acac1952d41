package io.aiinvest.datahub.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.ProviderId;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.provider.ProviderException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderChainTest {
  private static final Symbol AAPL = Symbol.of("AAPL");
  private static final DateRange RANGE = DateRange.ALL;

  private final List<String> calls = new ArrayList<>();

  /** A provider that either answers with an empty-but-valid result or fails with the given kind. */
  private BarProvider provider(String name, Kind failure) {
    ProviderId id = ProviderId.of(name);
    return new BarProvider() {
      @Override
      public ProviderId id() {
        return id;
      }

      @Override
      public ProviderBars fetch(Symbol symbol, DateRange range) {
        calls.add(name);
        if (failure != null) {
          throw new ProviderException(id, failure, symbol + " failed on purpose");
        }
        return new ProviderBars(symbol, id, PriceBasis.AS_TRADED, List.of(), List.of(), List.of());
      }

      @Override
      public Optional<SymbolMetadata> metadata(Symbol symbol) {
        calls.add(name);
        if (failure != null) {
          throw new ProviderException(id, failure, "no metadata");
        }
        return Optional.of(new SymbolMetadata(
            symbol, Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty()));
      }
    };
  }

  @Test
  void firstProviderThatDeliversWins() {
    ChainResult result = new ProviderChain(List.of(provider("yahoo", null), provider("stooq", null))).fetchWithFallback(AAPL, RANGE);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.provider()).contains(ProviderId.of("yahoo"));
    assertThat(result.failures()).isEmpty();
    assertThat(calls).containsExactly("yahoo");
  }

  @Test
  void fallsBackPastAFailureWorthFallingBackAndRecordsIt() {
    ChainResult result = new ProviderChain(List.of(provider("yahoo", Kind.UNAVAILABLE), provider("stooq", null)))
        .fetchWithFallback(AAPL, RANGE);

    assertThat(result.provider()).contains(ProviderId.of("stooq"));
    assertThat(result.getBars().source()).isEqualTo(ProviderId.of("stooq"));
    assertThat(result.failures()).singleElement().satisfies(f -> {
      assertThat(f.provider()).isEqualTo(ProviderId.of("yahoo"));
      assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(f.message()).isEqualTo("yahoo: AAPL failed on purpose");
    });
  }

  @Test
  void stopsAtAFailureNotWorthFallingBack() {
    ChainResult result = new ProviderChain(List.of(provider("csv", Kind.BAD_INPUT), provider("yahoo", null)))
        .fetchWithFallback(AAPL, RANGE);

    assertThat(result.succeeded()).isFalse();
    assertThat(calls).containsExactly("csv");
    assertThat(result.failures()).extracting(ProviderFailure::kind).containsExactly(Kind.BAD_INPUT);
  }

  @Test
  void whenAllFailListsEveryFailureAndGetBarsThrowsThemAll() {
    ChainResult result = new ProviderChain(List.of(
            provider("yahoo", Kind.RATE_LIMITED), provider("stooq", Kind.NO_DATA), provider("polygon", Kind.AUTH)))
        .fetchWithFallback(AAPL, RANGE);

    assertThat(result.provider()).isEmpty();
    assertThat(result.failures()).extracting(ProviderFailure::provider, ProviderFailure::kind).containsExactly(
        tuple(ProviderId.of("yahoo"), Kind.RATE_LIMITED),
        tuple(ProviderId.of("stooq"), Kind.NO_DATA),
        tuple(ProviderId.of("polygon"), Kind.AUTH));
    assertThat(result.nothingToFetch()).isFalse();
    assertThatThrownBy(result::getBars)
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH))
        .hasMessageContaining("yahoo RATE_LIMITED")
        .hasMessageContaining("stooq NO_DATA")
        .hasMessageContaining("polygon AUTH");
  }

  @Test
  void asABarProviderReturnsTheDeliveringProvidersBarsOrThrowsEveryFailure() {
    BarProvider chain = new ProviderChain(List.of(provider("yahoo", Kind.UNAVAILABLE), provider("stooq", null)));
    BarProvider failing = new ProviderChain(List.of(provider("yahoo", Kind.UNAVAILABLE), provider("stooq", Kind.NO_DATA)));

    assertThat(chain.id()).isEqualTo(ProviderChain.ID);
    assertThat(chain.fetch(AAPL, RANGE).source()).isEqualTo(ProviderId.of("stooq"));
    assertThatThrownBy(() -> failing.fetch(AAPL, RANGE))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_DATA))
        .hasMessageContaining("yahoo UNAVAILABLE")
        .hasMessageContaining("stooq NO_DATA");
  }

  @Test
  void onlyNoDataAnswersMeanNothingToFetch() {
    ChainResult result = new ProviderChain(List.of(provider("yahoo", Kind.NO_DATA), provider("stooq", Kind.UNKNOWN_SYMBOL)))
        .fetchWithFallback(AAPL, RANGE);

    assertThat(result.nothingToFetch()).isTrue();
  }

  @Test
  void metadataFallsBackLikeBars() {
    ProviderChain chain = new ProviderChain(List.of(provider("yahoo", Kind.UNAVAILABLE), provider("stooq", null)));

    assertThat(chain.metadata(AAPL)).hasValueSatisfying(m -> assertThat(m.name()).contains("stooq"));
  }

  @Test
  void metadataFailureOfEveryProviderIsReported() {
    ProviderChain chain = new ProviderChain(List.of(provider("yahoo", Kind.UNAVAILABLE)));

    assertThatThrownBy(() -> chain.metadata(AAPL))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void refusesAnEmptyChainAndDuplicates() {
    assertThatThrownBy(() -> new ProviderChain(List.of())).isInstanceOf(DatahubException.class);
    assertThatThrownBy(() -> new ProviderChain(List.of(provider("yahoo", null), provider("yahoo", null))))
        .isInstanceOf(DatahubException.class)
        .hasMessageContaining("listed twice");
  }
}
