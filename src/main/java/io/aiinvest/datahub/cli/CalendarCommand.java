package io.aiinvest.datahub.cli;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.TradingCalendar;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code datahub calendar}: which days an exchange trades, and when it opens and closes. */
@Command(
    name = "calendar",
    mixinStandardHelpOptions = true,
    description = {
      "Trading sessions of an exchange: holidays, early closes and opening hours in exchange local time.",
      "Exchanges are named by code (XNYS) or a common name (NYSE, NASDAQ, ARCA, ...), in any case."
    },
    subcommands = {CalendarSessionsCommand.class, CalendarIsSessionCommand.class})
public final class CalendarCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  private final Supplier<CalendarRegistry> registrySource;
  private CalendarRegistry registry;

  /** Uses the calendars bundled with the hub, loaded on first use so that other commands do not pay for it. */
  public CalendarCommand() {
    this.registrySource = CalendarRegistry::loadBundled;
  }

  public CalendarCommand(CalendarRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    this.registrySource = () -> registry;
  }

  /** Without a subcommand there is nothing to do: show the usage and report a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /**
   * The calendar a subcommand's {@code --exchange} names; an unknown exchange is a usage error, since the command
   * line, not the data, is wrong.
   */
  TradingCalendar calendar(String exchange, CommandSpec subcommand) {
    return registry()
        .find(exchange)
        .orElseThrow(
            () -> new CommandLine.ParameterException(
                subcommand.commandLine(),
                "Unknown exchange '" + exchange + "': known calendars are "
                    + String.join(", ", registry().calendars().stream().map(TradingCalendar::code).toList())
                    + " (or one of their common names)"));
  }

  private CalendarRegistry registry() {
    if (registry == null) {
      registry = registrySource.get();
    }
    return registry;
  }
}
