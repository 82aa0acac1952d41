package io.aiinvest.datahub.quality;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs checks over symbols and appends their findings to the data-quality log. */
public final class QualityRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QualityRunner.class);

  private final MarketStore store;
  private final List<QualityCheck> checks;

  public QualityRunner(MarketStore store, List<QualityCheck> checks) {
    this.store = store;
    this.checks = List.copyOf(checks);
  }

  /** The findings as logged (with their ids), check by check. */
  public List<QualityFinding> run(List<SymbolInfo> symbols, DateRange range) {
    List<QualityFinding> logged = new ArrayList<>();
    for (QualityCheck check : checks) {
      List<QualityFinding> findings = check.check(symbols, range);
      LOG.info("check={} symbols={} range={} findings={}", check.name(), symbols.size(), range, findings.size());
      logged.addAll(store.insertFindings(findings));
    }
    return logged;
  }
}
