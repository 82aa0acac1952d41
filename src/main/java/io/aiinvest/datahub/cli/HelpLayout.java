package io.aiinvest.datahub.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Makes every command's {@code --help} read well at any width: description lines written in the source at a fixed
 * width are joined into paragraphs that picocli wraps itself, and command lists show each command's first sentence.
 * Example lines (indented) and headings (ending in ':') keep their own line.
 */
final class HelpLayout {
  static final int WIDTH = 110;

  private HelpLayout() {}

  static void apply(CommandLine commandLine) {
    UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
    usage.description(paragraphs(usage.description()));
    usage.width(WIDTH);
    commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      apply(sub);
    }
  }

  static String[] paragraphs(String[] lines) {
    List<String> result = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : lines) {
      boolean standsAlone = line.isBlank() || line.startsWith(" ") || line.strip().endsWith(":");
      if (standsAlone) {
        flush(paragraph, result);
        result.add(line.isBlank() ? "" : line);
      } else {
        paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.strip());
      }
    }
    flush(paragraph, result);
    return result.toArray(String[]::new);
  }

  private static void flush(StringBuilder paragraph, List<String> result) {
    if (paragraph.length() > 0) {
      result.add(paragraph.toString());
      paragraph.setLength(0);
    }
  }

  private static String commandList(CommandLine.Help help) {
    Map<String, CommandLine.Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
        new CommandLine.Help.Column(nameWidth + 2, 2, CommandLine.Help.Column.Overflow.SPAN),
        new CommandLine.Help.Column(WIDTH - nameWidth - 2, 2, CommandLine.Help.Column.Overflow.WRAP));
    for (Map.Entry<String, CommandLine.Help> entry : subcommands.entrySet()) {
      UsageMessageSpec usage = entry.getValue().commandSpec().usageMessage();
      String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
      table.addRowValues(entry.getKey(), summary.length == 0 ? "" : firstSentence(summary[0]));
    }
    return table.toString();
  }

  static String firstSentence(String paragraph) {
    int end = paragraph.indexOf(". ");
    return end < 0 ? paragraph : paragraph.substring(0, end + 1);
  }
}
