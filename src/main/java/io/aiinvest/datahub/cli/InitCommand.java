package io.aiinvest.datahub.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code datahub init}: creates or upgrades the schema. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
        "Create the market_data schema, or upgrade an older one in place (no data is lost).",
        "Every other command does this too; init is for checking the database before anything else."
    })
final class InitCommand extends HubSubcommand implements Callable<Integer> {
  @Override
  public Integer call() {
    var store = store();
    out().println("schema market_data is at version " + store.schemaVersion() + " in " + store.describe());
    return 0;
  }
}
