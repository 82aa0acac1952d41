package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.config.HubConfig;
import io.aiinvest.datahub.ingest.IngestSettings;
import io.aiinvest.datahub.provider.ProviderRegistry;
import io.aiinvest.datahub.store.MarketStore;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root's configuration and store, and the command line's output streams. */
abstract class HubSubcommand {
  @ParentCommand DatahubCommand root;

  @Spec CommandSpec spec;

  HubConfig config() {
    return root.config();
  }

  MarketStore store() {
    return root.store();
  }

  /** Closes the store before the command ends, for a command that ends in a shutdown hook. */
  void closeStore() {
    root.closeStore();
  }

  Clock clock() {
    return root.clock();
  }

  ProviderRegistry providers() {
    return root.providers();
  }

  IngestSettings ingestSettings() {
    return root.ingestSettings();
  }

  CalendarRegistry calendars() {
    return root.calendars();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
