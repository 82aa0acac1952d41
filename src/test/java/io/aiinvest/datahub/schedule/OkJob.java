package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.SymbolInfo;

/** A daily job that only records each of its symbols as done: for tests about when and how often jobs run. */
final class OkJob extends PerSymbolJob {
  private final String name;

  OkJob(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  protected SymbolResult runSymbol(SymbolInfo symbol, JobContext context) {
    return SymbolResult.ok(symbol.symbol(), 0, 0, 0, 0, 0);
  }
}
