package io.aiinvest.datahub.calendar;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the trading calendar of an exchange by its code or any of its aliases (case, spaces and hyphens do not
 * matter: {@code nyse}, {@code NYQ} and {@code NYSE Arca} all name XNYS's sessions). For an exchange it has no
 * calendar for it hands out the Monday-to-Friday fallback, which says so through
 * {@link TradingCalendar#isWeekdayFallback()}.
 */
public final class CalendarRegistry {

  /** Class-path resource listing the bundled calendar files, one per line. */
  public static final String INDEX_RESOURCE = "calendar/exchanges.txt";

  private static final Pattern IGNORED_IN_NAMES = Pattern.compile("[\\s_\\-]+");

  private final Map<String, TradingCalendar> byName;
  private final List<TradingCalendar> calendars;
  private final Map<ZoneId, TradingCalendar> fallbacks = new ConcurrentHashMap<>();

  public CalendarRegistry(Collection<ExchangeDefinition> definitions) {
    Map<String, TradingCalendar> names = new LinkedHashMap<>();
    List<TradingCalendar> built = new ArrayList<>();
    for (ExchangeDefinition definition : definitions) {
      TradingCalendar calendar = TradingCalendar.of(definition);
      built.add(calendar);
      register(names, definition.code(), calendar);
      for (String alias : definition.aliases()) {
        register(names, alias, calendar);
      }
    }
    this.byName = Map.copyOf(names);
    this.calendars = List.copyOf(built);
  }

  /** The registry of the calendars bundled with the hub, as listed in {@value #INDEX_RESOURCE}. */
  public static CalendarRegistry loadBundled() {
    ExchangeDefinitionReader reader = new ExchangeDefinitionReader();
    List<ExchangeDefinition> definitions = new ArrayList<>();
    for (String file : bundledFiles()) {
      definitions.add(reader.readResource("calendar/" + file));
    }
    return new CalendarRegistry(definitions);
  }

  /** The calendars this registry knows, in the order they were given. */
  public List<TradingCalendar> calendars() {
    return calendars;
  }

  /** The calendar for an exchange code or alias, if there is one. */
  public Optional<TradingCalendar> find(String exchange) {
    return Optional.ofNullable(byName.get(normalise(exchange)));
  }

  /** The calendar for an exchange code or alias; throws, naming the known codes, when there is none. */
  public TradingCalendar get(String exchange) {
    return find(exchange)
        .orElseThrow(
            () -> new DatahubException(
                "no trading calendar for exchange '" + exchange + "'; known: "
                    + String.join(", ", calendars.stream().map(TradingCalendar::code).toList())));
  }

  /**
   * The calendar for a symbol's exchange: its own when the hub has one, otherwise (also when the exchange is not
   * known at all) the Monday-to-Friday fallback in {@code fallbackZone}.
   */
  public TradingCalendar calendarFor(Optional<String> exchange, ZoneId fallbackZone) {
    return exchange
        .flatMap(this::find)
        .orElseGet(() -> fallbacks.computeIfAbsent(fallbackZone, TradingCalendar::weekdayFallback));
  }

  private static void register(Map<String, TradingCalendar> names, String name, TradingCalendar calendar) {
    String key = normalise(name);
    TradingCalendar previous = names.putIfAbsent(key, calendar);
    if (previous != null && previous != calendar) {
      throw new DatahubException(
          "exchange name '" + name + "' is claimed by both " + previous.code() + " and " + calendar.code());
    }
  }

  private static String normalise(String name) {
    return name == null ? "" : IGNORED_IN_NAMES.matcher(name.strip()).replaceAll("").toUpperCase(Locale.ROOT);
  }

  private static List<String> bundledFiles() {
    try (InputStream in = CalendarRegistry.class.getClassLoader().getResourceAsStream(INDEX_RESOURCE)) {
      if (in == null) {
        throw new DatahubException("calendar index " + INDEX_RESOURCE + " is not on the class path");
      }
      List<String> files = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String file = line.strip();
        if (!file.isEmpty() && !file.startsWith("#")) {
          files.add(file);
        }
      }
      return files;
    } catch (IOException e) {
      throw new DatahubException("cannot read calendar index " + INDEX_RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
