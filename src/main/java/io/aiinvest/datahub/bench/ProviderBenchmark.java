package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.TradingCalendar;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestListener;
import io.aiinvest.datahub.ingest.IngestReport;
import io.aiinvest.datahub.ingest.IngestRequest;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.provider.replay.ReplayServer;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code bench providers}: the product's ingest path (registry {@code yahoo}, {@link IngestWorkflow}, store writes)
 * against a loopback {@link ReplayServer} that holds every reply back by a fixed latency, into a scratch database.
 *
 * <p>Overhead is the share of wall time not explained by waiting on the server:
 * {@code overhead = 1 - ideal / actual}, where {@code ideal = requests x latency / concurrency} is the wall time of a
 * client that does nothing but wait, with {@code concurrency} requests always in flight, and {@code actual} is the
 * measured wall time of the round, from the first request to the last symbol stored. It charges to the hub
 * everything that does not overlap a wait: planning, parsing, conversion, stores that hold up fetching, thread
 * hand-offs, the ramp-up and the tail of the run, and also the replay server's own work and loopback TCP, so it errs
 * high. Rounds run on disjoint sets of symbols: a warm-up round in the fresh JVM (cold: class loading, JIT,
 * connection set-up), then the measured warm rounds, whose median represents a long-running hub; the median, because
 * the machine is shared and another process's burst shows up as overhead of whichever round it hits.
 */
public final class ProviderBenchmark {
  private final DbTarget.Postgres server;
  private final HubConfig config;
  private final PrintWriter out;

  public ProviderBenchmark(DbTarget.Postgres server, HubConfig config, PrintWriter out) {
    this.server = server;
    this.config = config;
    this.out = out;
  }

  /**
   * One round's figures.
   *
   * @param cpuSeconds CPU time of this JVM during the round (the hub and the replay server; not PostgreSQL)
   */
  public record Round(
      int symbols, long requests, long failed, long bars, double seconds, double idealSeconds, double cpuSeconds) {
    public double symbolsPerSecond() {
      return symbols / seconds;
    }

    /** 1 - ideal / actual wall time: the share of the round not spent waiting on the server. */
    public double overhead() {
      return 1 - idealSeconds / seconds;
    }
  }

  /** The warm-up round and the measured ones. */
  public record Result(Round cold, List<Round> warm) {
    public Result {
      warm = List.copyOf(warm);
      if (warm.isEmpty()) {
        throw new IllegalArgumentException("at least one measured round");
      }
    }

    /** The measured round with the median overhead (the upper one of an even count). */
    public Round median() {
      List<Round> sorted = warm.stream().sorted(Comparator.comparingDouble(Round::overhead)).toList();
      return sorted.get(sorted.size() / 2);
    }

    public long failed() {
      return cold.failed() + warm.stream().mapToLong(Round::failed).sum();
    }
  }

  /**
   * @param days calendar days per symbol, ending at the last completed session
   * @param rounds measured rounds after the warm-up
   */
  public Result run(int symbols, int days, Duration latency, int concurrency, int rounds) {
    try (ReplayServer replay = ReplayServer.start(latency);
        ScratchDatabase scratch = ScratchDatabase.create(server, "datahub_bench");
        PostgresMarketStore store = PostgresMarketStore.open(scratch.target(), config)) {
      Map<String, String> env = new HashMap<>(config.env());
      env.putAll(replay.yahooEnv());
      HubConfig benchConfig = HubConfig.from(env, Optional.of(scratch.url()));
      Clock clock = Clock.systemUTC();
      ProviderRegistry registry = ProviderRegistry.standard(benchConfig, clock);
      IngestSettings settings = IngestSettings.from(benchConfig, registry.names());
      IngestSources sources = IngestSources.of(List.of(registry.get("yahoo")), settings, OptionalInt.of(concurrency));
      CalendarRegistry calendars = CalendarRegistry.loadBundled();
      IngestWorkflow workflow = new IngestWorkflow(store, calendars, clock, settings);
      TradingCalendar nasdaq = calendars.get("NASDAQ");
      LocalDate to = nasdaq.lastCompletedSession(clock).date();
      LocalDate from = to.minusDays(days - 1L);
      List<List<Symbol>> sets = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) {
        sets.add(register(store, "B" + round + "X", symbols));
      }
      out.printf("replay server %s, latency %d ms; scratch database %s%n", replay.baseUrl(), latency.toMillis(),
          scratch.target().database());
      out.printf("%,d symbols x %s..%s per round, concurrency %d, up to %d symbols per write%n", symbols, from, to,
          concurrency, settings.symbolsPerWrite());
      out.flush();
      Round cold = round("warm-up round (cold)", workflow, sources, replay, sets.get(0), from, to, latency,
          concurrency);
      List<Round> warm = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        warm.add(round("round " + round + " (warm)", workflow, sources, replay, sets.get(round), from, to, latency,
            concurrency));
      }
      return new Result(cold, warm);
    }
  }

  /** CPU time of this JVM, all threads; the benchmark runs only on JVMs that report it (HotSpot, OpenJ9). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static List<Symbol> register(PostgresMarketStore store, String prefix, int count) {
    List<Symbol> symbols = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Symbol symbol = new Symbol(String.format("%s%05d", prefix, i));
      store.upsertSymbol(new SymbolInfo(symbol, Optional.empty(), Optional.of("NASDAQ"), Optional.of("stock"),
          Optional.empty(), Optional.empty(), true, Optional.empty()));
      symbols.add(symbol);
    }
    return symbols;
  }

  private Round round(String label, IngestWorkflow workflow, IngestSources sources, ReplayServer replay,
      List<Symbol> symbols, LocalDate from, LocalDate to, Duration latency, int concurrency) {
    long requestsBefore = replay.requestCount();
    long cpuBefore = cpuNanos();
    long start = System.nanoTime();
    IngestReport report = workflow.run(
        IngestRequest.incremental(symbols, Optional.of(from), Optional.of(to)), sources, IngestListener.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (cpuNanos() - cpuBefore) / 1e9;
    long requests = replay.requestCount() - requestsBefore;
    double ideal = requests * (latency.toNanos() / 1e9) / concurrency;
    Round round = new Round(symbols.size(), requests, report.failedCount(), report.totalBars().inserted(), seconds,
        ideal, cpu);
    out.printf("%s: %,d symbols, %,d bars, %,d requests in %.2f s (ideal %.2f s): %.1f symbols/s, overhead %.3f,"
            + " JVM CPU %.1f s (%.2f ms/symbol)%s%n",
        label, round.symbols(), round.bars(), requests, seconds, ideal, round.symbolsPerSecond(), round.overhead(),
        cpu, cpu * 1000 / round.symbols(), round.failed() == 0 ? "" : ", " + round.failed() + " FAILED");
    report.outcomes().stream().filter(o -> o.status() == SymbolOutcome.Status.FAILED).limit(5)
        .forEach(o -> out.println("  " + o.symbol() + ": " + o.error().orElse("")));
    out.flush();
    return round;
  }
}
