package io.aiinvest.datahub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aiinvest.datahub.api.WorkerClient;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.replay.ReplayServer;
import io.aiinvest.datahub.store.duckdb.DuckDbMarketStore;
import io.aiinvest.datahub.testing.Await;
import io.aiinvest.datahub.testing.HolderProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code datahub serve} on an embedded DuckDB file, killed with SIGKILL in the middle of {@code ingest} and started
 * again: a separate JVM on the real clock and production timings, fetching from Yahoo's chart endpoint as the loopback
 * {@link ReplayServer} answers it. The restarted worker takes back the batch the dead one held as it starts, instead
 * of waiting out the dead worker's heartbeat (a minute), and every symbol's bars end up stored once.
 */
class DuckDbServeKillTest {
  private static final Pattern HEALTH_URL = Pattern.compile("health (http://\\S+)/health");
  private static final int SYMBOLS = 40;
  /** Held back on each fetch: with one fetch at a time, the run takes seconds, and the kill lands in its middle. */
  private static final Duration LATENCY = Duration.ofMillis(100);
  /** db-scheduler's dead-worker detection: four missed heartbeats of 15 s (docs/worker.md). */
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private ReplayServer yahoo;
  private final List<HolderProcess> serves = new ArrayList<>();
  private Map<String, String> env;
  private Path file;
  private LocalDate historyStart;

  @BeforeEach
  void start() {
    yahoo = ReplayServer.start(LATENCY);
    file = dir.resolve("home").resolve("datahub.duckdb");
    historyStart = LocalDate.now(ZoneOffset.UTC).minusDays(60);
    env = new HashMap<>(yahoo.yahooEnv());
    env.putAll(Map.of(
        "DATAHUB_HOME", dir.resolve("home").toString(),
        "HOME", dir.toString(),
        "DATAHUB_PROVIDERS", "yahoo",
        "YAHOO_CONCURRENCY", "1",
        "DATAHUB_DEFAULT_HISTORY_START", historyStart.toString(),
        "WORKER_NAME", "serve-test",
        "WORKER_THREADS", "1",
        "WORKER_BATCH_SIZE", "10"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (HolderProcess serve : serves) {
      if (serve.isAlive()) {
        serve.kill();
      }
    }
    yahoo.close();
  }

  /** {@code datahub serve} in a JVM of its own, logging at INFO to {@code stderr-N.log}; returns once it listens. */
  private HolderProcess serve(String... flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
    args.addAll(List.of(flags));
    HolderProcess serve = HolderProcess.builder(DatahubCommand.class)
        .environment(env)
        .systemProperty("logback.configurationFile",
            Path.of("target", "classes", "logback.xml").toAbsolutePath().toString())
        .stderrTo(dir.resolve("stderr-" + serves.size() + ".log"))
        .readyWhen("datahub serve: ")
        .start(args.toArray(String[]::new));
    serves.add(serve);
    return serve;
  }

  private static WorkerClient client(HolderProcess serve) {
    Matcher url = HEALTH_URL.matcher(serve.readyLine());
    assertThat(url.find()).as(serve.readyLine()).isTrue();
    return new WorkerClient(URI.create(url.group(1)));
  }

  /**
   * The latest runs as the worker's {@code GET /jobs} has them; none for an answer that missed its 3 s limit on a
   * loaded machine (a 503), which the waits ride out.
   */
  private static ArrayNode runs(WorkerClient worker) {
    try {
      return worker.jobs(10);
    } catch (DatahubException e) {
      return JsonNodeFactory.instance.arrayNode();
    }
  }

  /** The ingest run, once the worker's history has it. */
  private static Optional<JsonNode> ingestRun(WorkerClient worker) {
    return StreamSupport.stream(runs(worker).spliterator(), false)
        .filter(run -> run.path("job").asText().equals("ingest")).findFirst();
  }

  private static long symbolsOk(Optional<JsonNode> run) {
    return run.map(r -> r.path("symbols_ok").asLong()).orElse(0L);
  }

  @Test
  void killedMidRunAndRestartedItResumesAtOnceWithEverySymbolsBarsStoredOnce() throws Exception {
    List<Symbol> symbols = new ArrayList<>();
    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(file))) {
      for (int i = 0; i < SYMBOLS; i++) {
        Symbol symbol = new Symbol(String.format("K%03d", i));
        // No exchange: the weekday calendar, whose sessions are the weekdays the replay server has bars for.
        store.upsertSymbol(SymbolInfo.of(symbol));
        symbols.add(symbol);
      }
    }

    HolderProcess killed = serve("--run-now");
    WorkerClient first = client(killed);
    // Batches of 10, one at a time: past the first batch and short of the end, a batch is in hand.
    Optional<JsonNode> before = Await.until("ingest to be part-way", () -> ingestRun(first),
        run -> symbolsOk(run) >= 12, Duration.ofSeconds(60));
    killed.kill();
    long okBeforeKill = symbolsOk(before);
    assertThat(okBeforeKill).as("killed in the middle of the run").isLessThan(SYMBOLS);

    long restartedAt = System.nanoTime();
    HolderProcess restarted = serve();
    WorkerClient second = client(restarted);
    // The restart first records the killed run as interrupted, with an end time, until its next batch takes it up
    // again: only succeeded or failed is the end of the run.
    JsonNode ingest = Await.until("the ingest run to end", () -> ingestRun(second),
        run -> run.isPresent() && run.get().path("ended_at").isTextual()
            && !run.get().path("status").asText().equals("interrupted"),
        HEARTBEAT_TIMEOUT.multipliedBy(2)).get();
    Duration resumedIn = Duration.ofNanos(System.nanoTime() - restartedAt);
    // The rest of the run, and the JVM's start, take seconds; waiting for the dead worker's heartbeat to run out would
    // take most of a minute more.
    assertThat(resumedIn).as("restart to the end of the run").isLessThan(HEARTBEAT_TIMEOUT.dividedBy(2));

    assertThat(ingest.path("status").asText()).as(ingest.toString()).isEqualTo("succeeded");
    assertThat(ingest.path("symbols_ok").asLong()).isEqualTo(SYMBOLS);
    assertThat(ingest.path("symbols_failed").asLong()).isZero();
    assertThat(ingest.path("bars_updated").asLong()).isZero();
    long barsInserted = ingest.path("bars_inserted").asLong();
    // The run-now sequence goes on with repair, corporate-actions and quality; let it end before stopping.
    Await.until("the run-now sequence to end", () -> runs(second),
        runs -> runs.size() == 4 && StreamSupport.stream(runs.spliterator(), false)
            .allMatch(run -> run.path("ended_at").isTextual()), Duration.ofSeconds(60));
    assertThat(restarted.stop(30)).isEqualTo(143);

    List<String> log = Files.readAllLines(dir.resolve("stderr-1.log"));
    assertThat(log).anyMatch(line -> line.contains("job-batch run-1-batch-")
        && line.contains("was left in hand by worker serve-test, which ended without handing it back; released"));
    assertThat(log).noneMatch(line -> line.contains("stopped heart-beating"));

    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(file))) {
      List<LocalDate> expected = null;
      long stored = 0;
      for (Symbol symbol : symbols) {
        List<LocalDate> dates = store.bars(symbol, DateRange.ALL).stream().map(DailyBar::date).toList();
        assertThat(dates).as(symbol + ": one bar a date").doesNotHaveDuplicates().isNotEmpty();
        assertThat(store.revisions(symbol, DateRange.ALL)).as(symbol + ": no bar stored twice over").isEmpty();
        if (expected == null) {
          expected = dates;
        }
        assertThat(dates).as(symbol + ": the same sessions as " + symbols.get(0)).isEqualTo(expected);
        stored += dates.size();
      }
      // None missing: every weekday from the history's start to the last bar.
      assertThat(expected).isEqualTo(historyStart.datesUntil(expected.get(expected.size() - 1).plusDays(1))
          .filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY)
          .toList());
      assertThat(stored).isEqualTo(store.countBars(Optional.empty()));
      // A write committed an instant before the kill, its symbols not yet recorded, is fetched again after the
      // restart and stored as unchanged: the run then counts fewer insertions than the store holds, never more.
      assertThat(barsInserted).isLessThanOrEqualTo(stored).isGreaterThan(0);
    }
  }
}
