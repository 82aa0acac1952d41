package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.SymbolInfo;
import java.time.LocalDate;
import java.util.List;

/** What a {@link DailyJob} is given for one unit of work. */
public interface JobContext {
  /** The last completed session of the schedule's calendar when the run started: the day the run is about. */
  LocalDate session();

  /** The symbols of this unit of work that no worker has finished yet, in symbol order. */
  List<SymbolInfo> symbols();

  /** True once the worker is shutting down: finish or abandon the symbol in hand and return. */
  boolean stopRequested();

  /**
   * Records one symbol as finished, durably, so no worker does it again in this run. A failure recorded after a stop
   * was requested is not kept: the symbol was cut short by the shutdown, and the next worker retries it.
   */
  void record(SymbolResult result);
}
