package io.aiinvest.datahub.bench;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.DbTarget;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.domain.CorporateAction;
import io.aiinvest.datahub.domain.DailyBar;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.quality.QualityOptions;
import io.aiinvest.datahub.quality.QualityService;
import io.aiinvest.datahub.store.StoreException;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench quality} on PostgreSQL: the whole data-quality suite, full history, over synthetic symbols beside the
 * plain SQL window query the issue measures against (per symbol, mean and sample standard deviation of daily log
 * returns over a trailing 60-row frame, counting |z| > 5), all in one run in a scratch database. The query runs
 * before and after the suite; the ratio is the suite's time over their mean.
 */
public final class QualityBenchmark {
  /** The reference: one window pass per symbol for the returns, one for their trailing mean and deviation. */
  static final String WINDOW_QUERY = "SELECT count(*), sum(n) FROM (SELECT symbol,"
      + " count(*) FILTER (WHERE sd > 0 AND abs(r - mean) > 5 * sd) AS n FROM ("
      + " SELECT symbol, r, avg(r) OVER w AS mean, stddev_samp(r) OVER w AS sd FROM ("
      + " SELECT symbol, \"timestamp\", ln(close / lag(close) OVER (PARTITION BY symbol ORDER BY \"timestamp\")) AS r"
      + " FROM market_data.bars) returns"
      + " WINDOW w AS (PARTITION BY symbol ORDER BY \"timestamp\" ROWS BETWEEN 60 PRECEDING AND 1 PRECEDING)) z"
      + " GROUP BY symbol) per_symbol";

  /** Symbols per hub write while loading. */
  static final int SYMBOLS_PER_BATCH = 50;

  private final DbTarget.Postgres server;
  private final HubConfig config;
  private final PrintWriter out;

  public QualityBenchmark(DbTarget.Postgres server, HubConfig config, PrintWriter out) {
    this.server = server;
    this.config = config;
    this.out = out;
  }

  /** Times in seconds, and what the suite found. */
  public record Result(long bars, double suite, double queryBefore, double queryAfter, int findings) {
    public double ratio() {
      return suite / ((queryBefore + queryAfter) / 2);
    }
  }

  public Result run(int totalBars, int symbols, int streams) {
    int perSymbol = Math.max(2, totalBars / symbols);
    List<LocalDate> sessions = SyntheticBars.sessions(perSymbol);
    LocalDate last = sessions.get(sessions.size() - 1);
    try (ScratchDatabase scratch = ScratchDatabase.create(server, "datahub_bench");
        PostgresMarketStore store = PostgresMarketStore.open(scratch.target(), config)) {
      List<Symbol> names = new ArrayList<>();
      for (int i = 0; i < symbols; i++) {
        names.add(store.upsertSymbol(SymbolInfo.of(SyntheticBars.symbol(i))).symbol());
      }
      out.printf("loading %,d bars: %,d symbols x %,d sessions (%s .. %s), quarterly dividends on every fifth"
          + " symbol, into scratch database %s%n", (long) perSymbol * symbols, symbols, perSymbol, sessions.get(0),
          last, scratch.target().database());
      out.flush();
      long start = System.nanoTime();
      load(store, sessions, symbols, streams);
      analyze(store);
      out.printf("loaded in %.1f s%n", seconds(start));
      out.flush();

      double before = windowQuery(store);
      // The day after the last session: completeness expects exactly the synthetic sessions.
      Clock clock = Clock.fixed(last.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      QualityService service = new QualityService(store, CalendarRegistry.loadBundled(), clock);
      start = System.nanoTime();
      List<QualityFinding> findings = service.run(names, DateRange.ALL, QualityOptions.DEFAULTS.withFull(true));
      double suite = seconds(start);
      out.printf("quality suite, all %d checks over full history: %.1f s, %d findings (%d symbols)%n",
          QualityService.checkNames().size(), suite, findings.size(),
          findings.stream().map(QualityFinding::symbol).distinct().count());
      out.flush();
      double after = windowQuery(store);
      return new Result((long) perSymbol * symbols, suite, before, after, findings.size());
    }
  }

  private void load(PostgresMarketStore store, List<LocalDate> sessions, int symbols, int streams) {
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int first = 0; first < symbols; first += SYMBOLS_PER_BATCH) {
        int from = first;
        futures.add(pool.submit(() -> {
          List<DailyBar> bars = new ArrayList<>();
          List<CorporateAction> actions = new ArrayList<>();
          for (int i = from; i < Math.min(symbols, from + SYMBOLS_PER_BATCH); i++) {
            List<DailyBar> own = SyntheticBars.forSymbol(i, sessions);
            bars.addAll(own);
            if (i % 5 == 0) {
              actions.addAll(dividends(own));
            }
          }
          store.write(bars, actions);
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("benchmark interrupted");
    } catch (ExecutionException e) {
      throw new StoreException("benchmark load failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A dividend of 0.5% of the previous close every 63 sessions: the suite reads and judges them too. */
  private static List<CorporateAction> dividends(List<DailyBar> bars) {
    List<CorporateAction> dividends = new ArrayList<>();
    for (int i = 63; i < bars.size(); i += 63) {
      BigDecimal amount = bars.get(i - 1).close().multiply(new BigDecimal("0.005")).setScale(4, RoundingMode.HALF_UP);
      dividends.add(CorporateAction.dividend(bars.get(i).symbol(), bars.get(i).date(), amount, Optional.of("USD"),
          bars.get(i).source()));
    }
    return dividends;
  }

  private static void analyze(PostgresMarketStore store) {
    try (Connection c = store.dataSource().getConnection(); Statement statement = c.createStatement()) {
      statement.execute("ANALYZE market_data.bars");
      statement.execute("ANALYZE market_data.corporate_actions");
    } catch (SQLException e) {
      throw new StoreException("ANALYZE failed: " + e.getMessage(), e);
    }
  }

  private double windowQuery(PostgresMarketStore store) {
    try (Connection c = store.dataSource().getConnection(); Statement statement = c.createStatement()) {
      long start = System.nanoTime();
      try (ResultSet rs = statement.executeQuery(WINDOW_QUERY)) {
        rs.next();
        double seconds = seconds(start);
        out.printf("plain window query (60-row frame, |z| > 5): %.1f s, %,d symbols, %,d returns beyond 5 sd%n",
            seconds, rs.getLong(1), rs.getLong(2));
        out.flush();
        return seconds;
      }
    } catch (SQLException e) {
      throw new StoreException("window query failed: " + e.getMessage(), e);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
