package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link JobContext} of one batch: records results in the job history as the job reports them. */
final class BatchContext implements JobContext {
  private static final Logger LOG = LoggerFactory.getLogger(BatchContext.class);

  private final JobRun run;
  private final List<SymbolInfo> symbols;
  private final Set<Symbol> members = new HashSet<>();
  private final Clock clock;
  private final BooleanSupplier stopRequested;
  private final JobHistory history;
  private final String worker;
  private final String label;
  private final Set<Symbol> settled = new HashSet<>();

  /** @param label names the unit of work in text log lines, e.g. {@code job=ingest run=7 provider=yahoo} */
  BatchContext(JobRun run, List<SymbolInfo> symbols, Clock clock, BooleanSupplier stopRequested, JobHistory history,
      String worker, String label) {
    this.run = run;
    this.symbols = List.copyOf(symbols);
    symbols.forEach(info -> members.add(info.symbol()));
    this.clock = clock;
    this.stopRequested = stopRequested;
    this.history = history;
    this.worker = worker;
    this.label = label;
  }

  @Override
  public LocalDate session() {
    return run.session();
  }

  @Override
  public List<SymbolInfo> symbols() {
    return symbols;
  }

  @Override
  public boolean stopRequested() {
    return stopRequested.getAsBoolean();
  }

  @Override
  public synchronized void record(SymbolResult result) {
    Symbol symbol = result.symbol();
    if (!members.contains(symbol)) {
      throw new IllegalArgumentException(symbol + " is not part of this unit of work of run " + run.id());
    }
    if (!result.succeeded() && stopRequested()) {
      LOG.info("{} symbol={} cut short by the shutdown ({}); left for the next worker", label, symbol,
          result.error().orElse(""));
      return;
    }
    store(result);
  }

  /** Records a pending symbol that is no longer in the store, so never reaches the job, as failed. */
  synchronized void recordVanished(Symbol symbol) {
    store(SymbolResult.failed(symbol, symbol + " is no longer registered"));
  }

  private void store(SymbolResult result) {
    if (history.record(run.id(), result, worker, clock.instant())) {
      if (result.succeeded()) {
        LOG.info("{} symbol={} ok{}: {}", label, result.symbol(),
            result.provider().map(provider -> " from " + provider).orElse(""), result.summary());
      } else {
        LOG.warn("{} symbol={} failed: {}", label, result.symbol(), result.error().orElse(""));
      }
    } else {
      LOG.warn("{} symbol={} was already finished by another worker; this result is not counted again", label,
          result.symbol());
    }
    settled.add(result.symbol());
  }

  /** The symbols handed to the job that have no recorded result yet. */
  synchronized List<Symbol> unsettled() {
    List<Symbol> left = new ArrayList<>();
    for (SymbolInfo info : symbols) {
      if (!settled.contains(info.symbol())) {
        left.add(info.symbol());
      }
    }
    return left;
  }
}
