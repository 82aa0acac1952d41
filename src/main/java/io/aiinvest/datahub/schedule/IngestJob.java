package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestRequest;
import io.aiinvest.datahub.ingest.IngestSources;
import io.aiinvest.datahub.ingest.IngestWorkflow;
import java.util.List;
import java.util.Optional;

/**
 * The 18:00 end-of-day ingestion through {@link IngestWorkflow}, as {@code datahub ingest}: for each symbol of the
 * unit of work, the sessions after its last stored bar up to the run's session (from the configured history start
 * when it has none), fetched through the provider chain with each provider's concurrency and stored in batched
 * writes. A symbol that already has the session's bar is not fetched, so re-running the job fetches nothing twice.
 * Rows a provider sent that could not be bars are logged by the workflow as data-quality findings; a symbol's result
 * counts the one it logged.
 * Each symbol is recorded as the workflow finishes it; once a stop is requested, symbols not yet started are left
 * pending (see {@link IngestWorkflow#run(IngestRequest, IngestSources, io.aiinvest.datahub.ingest.IngestListener,
 * java.util.function.BooleanSupplier)}).
 */
public final class IngestJob implements DailyJob {
  public static final String NAME = "ingest";

  private final IngestWorkflow workflow;
  private final IngestSources sources;
  private final String providerLabel;

  /**
   * @param sources the provider chain with its limits, shared by every unit of work of the process
   * @param providerLabel how logs name the provider, e.g. the chain {@code yahoo,stooq}
   */
  public IngestJob(IngestWorkflow workflow, IngestSources sources, String providerLabel) {
    this.workflow = workflow;
    this.sources = sources;
    this.providerLabel = providerLabel;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> provider() {
    return Optional.of(providerLabel);
  }

  @Override
  public JobCounts run(JobContext context) {
    List<Symbol> symbols = context.symbols().stream().map(SymbolInfo::symbol).toList();
    OutcomeRecorder recorder = new OutcomeRecorder(context);
    workflow.run(IngestRequest.incremental(symbols, Optional.empty(), Optional.of(context.session())), sources,
        recorder, context::stopRequested);
    return recorder.counts();
  }
}
