package io.aiinvest.datahub.testing;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Real SPY history (the shipped sample, every XNYS session 2020-08-10 .. 2025-08-08, Yahoo layout) written out
 * under any symbol's file name, with chosen rows left out: the "history with holes" and the provider's replay.
 */
public final class SampleHistory {
  public static final String SPY_RESOURCE = "sample-eod/SPY.csv";
  public static final LocalDate FIRST = LocalDate.of(2020, 8, 10);
  public static final LocalDate LAST = LocalDate.of(2025, 8, 8);
  public static final int SESSIONS = 1256;

  private SampleHistory() {}

  /** Writes {@code dir/SYMBOL.csv} with every SPY row. */
  public static Path spy(Path dir, String symbol) {
    return spyKeeping(dir, symbol, d -> true);
  }

  /** Writes {@code dir/SYMBOL.csv} without the rows of {@code dropped}. */
  public static Path spyWithout(Path dir, String symbol, Collection<LocalDate> dropped) {
    Set<LocalDate> drop = Set.copyOf(dropped);
    return spyKeeping(dir, symbol, d -> !drop.contains(d));
  }

  /** Writes {@code dir/SYMBOL.csv} with the rows whose date passes {@code keep}. */
  public static Path spyKeeping(Path dir, String symbol, Predicate<LocalDate> keep) {
    List<String> lines = lines();
    List<String> kept = new ArrayList<>();
    kept.add(lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      if (keep.test(LocalDate.parse(line.substring(0, 10)))) {
        kept.add(line);
      }
    }
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(symbol + ".csv"), kept, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<LocalDate> dates(String... dates) {
    return Stream.of(dates).map(LocalDate::parse).toList();
  }

  private static List<String> lines() {
    try (InputStream in = SampleHistory.class.getClassLoader().getResourceAsStream(SPY_RESOURCE)) {
      if (in == null) {
        throw new DatahubException(SPY_RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
