package io.aiinvest.datahub.ingest;

import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.ProviderId;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How ingest runs, read once from the environment and then passed by constructor.
 *
 * <ul>
 *   <li>{@code DATAHUB_PROVIDERS}: the provider chain when {@code --provider} is not given, e.g. {@code yahoo,stooq}
 *       (default {@code yahoo}).
 *   <li>{@code DATAHUB_DEFAULT_HISTORY_START}: where an incremental run starts a symbol that has no bars yet, either a
 *       date ({@code 2000-01-01}) or a period back from the last completed session ({@code P1Y}, the default).
 *   <li>{@code <PROVIDER>_CONCURRENCY}: symbols fetched from that provider at once. Defaults: yahoo 8, stooq 2,
 *       alphavantage 1, polygon 2, csv 2, others 4. Their rate limits ({@code <PROVIDER>_RATE_LIMIT_PER_MIN}) still
 *       apply on top; this bounds requests in flight, which a rate limit does not.
 *   <li>{@code <PROVIDER>_MAX_DAYS_PER_REQUEST}: the longest date range one request may ask for; longer ranges are
 *       fetched in consecutive chunks. 0 (the default for every built-in provider) means one request: Yahoo and Stooq
 *       answer any range at once, Alpha Vantage's {@code outputsize=full} returns the whole history in one reply and
 *       Polygon pages through {@code next_url} itself, so chunking them would only multiply requests. Set it for a
 *       plan or proxy that caps the range.
 *   <li>{@code DATAHUB_INGEST_BATCH_SYMBOLS}: at most this many symbols per store write (default 50); a write takes
 *       what has been fetched so far, so batches only fill up when fetching outpaces the database.
 * </ul>
 *
 * @param historyStart a fixed first date for symbols without bars; when empty, {@code historyLookback} applies
 */
public record IngestSettings(
    List<String> defaultProviders,
    Optional<LocalDate> historyStart,
    Period historyLookback,
    Map<ProviderId, Integer> concurrency,
    Map<ProviderId, Integer> maxDaysPerRequest,
    int symbolsPerWrite) {

  public static final Period DEFAULT_LOOKBACK = Period.ofYears(1);
  public static final int DEFAULT_SYMBOLS_PER_WRITE = 50;
  static final int DEFAULT_CONCURRENCY = 4;
  private static final Map<String, Integer> CONCURRENCY_DEFAULTS =
      Map.of("yahoo", 8, "stooq", 2, "alphavantage", 1, "polygon", 2, "csv", 2);

  public IngestSettings {
    defaultProviders = List.copyOf(defaultProviders);
    concurrency = Map.copyOf(concurrency);
    maxDaysPerRequest = Map.copyOf(maxDaysPerRequest);
    if (defaultProviders.isEmpty()) {
      throw new DatahubException("DATAHUB_PROVIDERS names no provider");
    }
    if (historyLookback.isNegative() || historyLookback.isZero()) {
      throw new DatahubException("DATAHUB_DEFAULT_HISTORY_START must be a date or a positive period such as P1Y");
    }
    concurrency.forEach((provider, limit) -> {
      if (limit < 1) {
        throw new DatahubException(prefix(provider) + "_CONCURRENCY must be >= 1, got " + limit);
      }
    });
    maxDaysPerRequest.forEach((provider, days) -> {
      if (days < 0) {
        throw new DatahubException(prefix(provider) + "_MAX_DAYS_PER_REQUEST must be >= 0 (0 = no limit), got "
            + days);
      }
    });
    if (symbolsPerWrite < 1) {
      throw new DatahubException("DATAHUB_INGEST_BATCH_SYMBOLS must be >= 1, got " + symbolsPerWrite);
    }
  }

  /**
   * Reads the settings of the named providers (the registry's names plus {@code csv}); a provider not named here
   * gets the defaults.
   */
  public static IngestSettings from(HubConfig config, Collection<String> providerNames) {
    List<String> providers = parseProviders(config.var("DATAHUB_PROVIDERS").orElse("yahoo"));
    Optional<LocalDate> start = Optional.empty();
    Period lookback = DEFAULT_LOOKBACK;
    Optional<String> rawStart = config.var("DATAHUB_DEFAULT_HISTORY_START").map(String::strip);
    if (rawStart.isPresent()) {
      try {
        if (rawStart.get().toUpperCase(Locale.ROOT).startsWith("P")) {
          lookback = Period.parse(rawStart.get().toUpperCase(Locale.ROOT));
        } else {
          start = Optional.of(LocalDate.parse(rawStart.get()));
        }
      } catch (DateTimeParseException e) {
        throw new DatahubException("DATAHUB_DEFAULT_HISTORY_START must be a date (YYYY-MM-DD) or a period such as"
            + " P1Y or P10Y, got '" + rawStart.get() + "'");
      }
    }
    Map<ProviderId, Integer> concurrency = new LinkedHashMap<>();
    Map<ProviderId, Integer> maxDays = new LinkedHashMap<>();
    for (String name : providerNames) {
      ProviderId id = ProviderId.of(name);
      concurrency.put(id, intVar(config, prefix(id) + "_CONCURRENCY",
          CONCURRENCY_DEFAULTS.getOrDefault(id.value(), DEFAULT_CONCURRENCY)));
      maxDays.put(id, intVar(config, prefix(id) + "_MAX_DAYS_PER_REQUEST", 0));
    }
    return new IngestSettings(providers, start, lookback, concurrency, maxDays,
        intVar(config, "DATAHUB_INGEST_BATCH_SYMBOLS", DEFAULT_SYMBOLS_PER_WRITE));
  }

  /** A comma-separated provider list such as {@code yahoo, stooq}, in order, without blanks. */
  public static List<String> parseProviders(String commaSeparated) {
    List<String> names = Arrays.stream(commaSeparated.split(","))
        .map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .toList();
    if (names.isEmpty()) {
      throw new DatahubException("no provider given in '" + commaSeparated + "'");
    }
    return names;
  }

  /** Symbols fetched at once from the provider. */
  public int concurrency(ProviderId provider) {
    return concurrency.getOrDefault(provider, DEFAULT_CONCURRENCY);
  }

  /** The longest range one request to the provider may cover, in calendar days; 0 for no limit. */
  public int maxDaysPerRequest(ProviderId provider) {
    return maxDaysPerRequest.getOrDefault(provider, 0);
  }

  /** Where a symbol without bars starts when the run ends at {@code to}. */
  public LocalDate defaultStart(LocalDate to) {
    return historyStart.orElseGet(() -> to.minus(historyLookback).plusDays(1));
  }

  /**
   * One line for the log of a run through {@code providers}, with their limits only. The default chain is left out:
   * a run names the providers it actually uses, which {@code --provider} or {@code --path} may make others than
   * {@code DATAHUB_PROVIDERS}.
   */
  public String describe(List<ProviderId> providers) {
    Map<ProviderId, Integer> limits = new LinkedHashMap<>();
    Map<ProviderId, Integer> days = new LinkedHashMap<>();
    providers.forEach(p -> {
      limits.put(p, concurrency(p));
      days.put(p, maxDaysPerRequest(p));
    });
    return "historyStart=" + historyStart.map(LocalDate::toString).orElse(historyLookback + " back")
        + " concurrency=" + limits + " maxDaysPerRequest=" + days + " symbolsPerWrite=" + symbolsPerWrite;
  }

  private static String prefix(ProviderId provider) {
    return provider.value().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static int intVar(HubConfig config, String name, int fallback) {
    Optional<String> raw = config.var(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.get().strip());
    } catch (NumberFormatException e) {
      throw new DatahubException(name + " must be a whole number, got '" + raw.get() + "'");
    }
  }
}
