package io.aiinvest.datahub.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.calendar.CalendarRegistry;
import io.aiinvest.datahub.calendar.SymbolSessions;
import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.QualityFinding;
import io.aiinvest.datahub.domain.Rejection;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.ingest.IngestService;
import io.aiinvest.datahub.ingest.RefusedRowLog;
import io.aiinvest.datahub.ingest.SymbolOutcome;
import io.aiinvest.datahub.provider.csv.CsvBarProvider;
import io.aiinvest.datahub.quality.YfinanceFixtures.Fixture;
import io.aiinvest.datahub.quality.YfinanceFixtures.Role;
import io.aiinvest.datahub.quality.YfinanceFixtures.Stretch;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Measures the checks on real Yahoo histories with known errors (src/test/resources/yfinance-repair): every bad file
 * and its corrected version are imported through the CSV provider, each symbol is checked on its own over its whole
 * history, and the report prints per check how many known-bad stretches it finds and how many dates it flags that
 * are not known to be bad. The report goes to stdout and {@code target/quality-evaluation.md}; docs/quality.md carries
 * the figures. The assertions pin the errors each check is meant to find, so a change that loses one fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YfinanceRepairEvaluationTest {
  /** Completeness is left out: the fixtures come from exchanges without a bundled calendar (holidays would count). */
  static final List<String> CHECKS = QualityChecks.NAMES.stream()
      .filter(n -> !n.equals(CompletenessCheck.NAME) && !n.equals(DuplicateSeriesCheck.NAME)).toList();
  static final String INGEST = RefusedRowLog.CHECK_TYPE;
  /** Corporate actions ingest refused (a dividend not below the previous close, an ex-date off session). */
  static final String ACTION_INGEST = "actions_refused_at_ingest";

  private ScratchDatabase database;
  private PostgresMarketStore store;
  private final List<Fixture> fixtures = YfinanceFixtures.all();
  /** Flagged dates per fixture, per check (including the ingest rejections). */
  private final Map<Fixture, Map<String, TreeSet<LocalDate>>> flagged = new LinkedHashMap<>();
  /** The same, only the dates of ERROR items. */
  private final Map<Fixture, Map<String, TreeSet<LocalDate>>> errorDates = new LinkedHashMap<>();
  private final List<Stretch> stretches = new ArrayList<>();
  private final Map<Fixture, String> ingestErrors = new LinkedHashMap<>();

  /**
   * The statistical checks once more with a verdict from 5 sessions of history on: the bar-error fixtures are 10 to 41
   * sessions long, shorter than the default 20 sessions a verdict needs.
   */
  static final List<String> SHORT_HISTORY_CHECKS = List.of(PriceAnomalyCheck.NAME, VolumeSpikeCheck.NAME);
  static final QualityOptions SHORT_HISTORY = shortHistory();
  private final Map<Fixture, Map<String, TreeSet<LocalDate>>> flaggedWithShortHistory = new LinkedHashMap<>();

  private static QualityOptions shortHistory() {
    QualityOptions d = QualityOptions.DEFAULTS;
    return new QualityOptions(Set.copyOf(SHORT_HISTORY_CHECKS), true, d.window(), 5, d.priceThreshold(),
        d.minReturnScale(), d.volumeThreshold(), d.staleSessions(), d.splitTolerance(), d.unitTolerance(),
        d.dividendMaxFraction(), d.dividendDropZ(), d.dividendDuplicateSessions(), d.duplicateMinOverlap(),
        d.crossProviderTolerance(), d.completenessErrorThreshold());
  }

  @BeforeAll
  void importAndCheck() {
    database = TestPostgres.scratch();
    store = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    QualityService service = new QualityService(store, CalendarRegistry.loadBundled(), clock);
    IngestService ingest = new IngestService(store, new SymbolSessions(CalendarRegistry.loadBundled(),
        SymbolSessions.DEFAULT_FALLBACK_ZONE, clock));
    for (Fixture fixture : fixtures) {
      store.upsertSymbol(SymbolInfo.of(fixture.symbol()));
      SymbolOutcome outcome = ingest.ingestOne(fixture.symbol(), new CsvBarProvider(fixture.file(), Optional.empty()),
          DateRange.ALL);
      outcome.error().ifPresent(e -> ingestErrors.put(fixture, e));
      Map<String, TreeSet<LocalDate>> byCheck = new TreeMap<>();
      Map<String, TreeSet<LocalDate>> errors = new TreeMap<>();
      CHECKS.forEach(c -> byCheck.put(c, new TreeSet<>()));
      CHECKS.forEach(c -> errors.put(c, new TreeSet<>()));
      for (String ingestStage : List.of(INGEST, ACTION_INGEST)) {
        byCheck.put(ingestStage, new TreeSet<>());
        errors.put(ingestStage, new TreeSet<>());
      }
      outcome.bars().rejections().stream().map(Rejection::date).forEach(byCheck.get(INGEST)::add);
      outcome.actions().rejections().stream().map(Rejection::date).forEach(byCheck.get(ACTION_INGEST)::add);
      // One symbol per run: the bad and fixed versions of a file are one instrument, so checking them together
      // would (rightly) report duplicate series.
      for (QualityFinding finding : service.run(List.of(fixture.symbol()), DateRange.ALL,
          QualityOptions.DEFAULTS.withFull(true).withChecks(CHECKS))) {
        byCheck.get(finding.checkType()).addAll(FindingDetails.dates(finding));
        FindingDetails.parse(finding.details()).path("items").forEach(item -> {
          if (item.path("severity").asText().equals("ERROR")) {
            errors.get(finding.checkType()).add(LocalDate.parse(item.path("date").asText()));
          }
        });
      }
      flagged.put(fixture, byCheck);
      errorDates.put(fixture, errors);
      Map<String, TreeSet<LocalDate>> shortHistory = new TreeMap<>();
      SHORT_HISTORY_CHECKS.forEach(c -> shortHistory.put(c, new TreeSet<>()));
      for (QualityFinding finding : service.run(List.of(fixture.symbol()), DateRange.ALL, SHORT_HISTORY)) {
        shortHistory.get(finding.checkType()).addAll(FindingDetails.dates(finding));
      }
      flaggedWithShortHistory.put(fixture, shortHistory);
    }
    for (Fixture fixture : fixtures) {
      if (fixture.role() == Role.BAD) {
        stretches.addAll(YfinanceFixtures.stretches(fixture, YfinanceFixtures.fixedOf(fixture, fixtures)));
      }
    }
  }

  @AfterAll
  void drop() {
    store.close();
    database.close();
  }

  private boolean found(String check, Stretch stretch) {
    return flagged.get(stretch.bad()).get(check).stream().anyMatch(stretch::matches);
  }

  /** Whether the check flags the stretch's sessions in the corrected version too. */
  private boolean stillFlaggedWhenCorrected(String check, Stretch stretch) {
    Fixture fixed = YfinanceFixtures.fixedOf(stretch.bad(), fixtures);
    return flagged.get(fixed).get(check).stream().anyMatch(stretch::matches);
  }

  @Test
  void everyFixtureImportsThroughTheCsvProvider() {
    assertThat(ingestErrors).isEmpty();
  }

  @Test
  void theUnitCheckFindsTheHundredfoldStretchesOfAetAndIsQuietOnTheCorrectedFile() {
    List<Stretch> aet = stretches.stream().filter(s -> s.bad().ticker().equals("AET.L")).toList();

    assertThat(aet).hasSize(2).allMatch(s -> found(UnitErrorCheck.NAME, s));
    assertThat(aet).noneMatch(s -> stillFlaggedWhenCorrected(UnitErrorCheck.NAME, s));
  }

  @Test
  void theSplitCheckFindsEveryMisappliedSplitThatWasStoredAndIsQuietWhereItWasCorrected() {
    List<Stretch> splits = stretches.stream().filter(s -> s.bad().problem().contains("stock-split")
        && !s.bad().ticker().equals("ALPHA.PA")).toList();

    assertThat(splits).extracting(s -> s.bad().ticker()).containsExactlyInAnyOrder("4063.T", "CNE.L", "LA.V");
    assertThat(splits).allMatch(s -> found(MissedSplitCheck.NAME, s));
    assertThat(splits).noneMatch(s -> stillFlaggedWhenCorrected(MissedSplitCheck.NAME, s));
  }

  @Test
  void alphasBarOffByTenThousandIsRefusedAtIngestAndTheRefusalIsTheFinding() {
    Stretch alpha = stretches.stream().filter(s -> s.bad().ticker().equals("ALPHA.PA")).findFirst().orElseThrow();

    assertThat(found(INGEST, alpha)).isTrue();
    assertThat(stillFlaggedWhenCorrected(INGEST, alpha)).isFalse();
  }

  @Test
  void everyWrongDividendIsRefusedAtIngestOrFlaggedByDividendSanityAndTheCorrectedOnesAreNeither() {
    List<Stretch> dividends = stretches.stream().filter(Stretch::dividendOnly).toList();

    assertThat(dividends).extracting(s -> s.bad().ticker()).containsOnly("4063.T", "ABDP.L", "ELCO.L", "KAP.IL",
        "KEN.TA", "KME.MI", "LSC.L");
    assertThat(dividends).allMatch(s -> found(DividendSanityCheck.NAME, s) || found(ACTION_INGEST, s));
    assertThat(dividends).noneMatch(s -> stillFlaggedWhenCorrected(DividendSanityCheck.NAME, s)
        || stillFlaggedWhenCorrected(ACTION_INGEST, s));
  }

  @Test
  void reportsRecallAndFalsePositivesPerCheck() throws IOException {
    String report = report();
    System.out.println(report);
    Path target = Path.of("target", "quality-evaluation.md");
    Files.createDirectories(target.getParent());
    Files.writeString(target, report);

    assertThat(stretches).allMatch(s -> suiteFinds(s));
  }

  /** The kinds of known-bad stretch each check is meant to find, as the report names them. */
  private static final Map<String, String> TARGETS = Map.of(
      OhlcConsistencyCheck.NAME, "stored bars breaking a rule (none: constraints)",
      PriceAnomalyCheck.NAME, "wrong closes",
      VolumeSpikeCheck.NAME, "wrong volumes",
      StaleSeriesCheck.NAME, "(no stale fixture)",
      MissedSplitCheck.NAME, "bad-stock-split files",
      UnitErrorCheck.NAME, "100x-error files",
      DividendSanityCheck.NAME, "wrong dividends",
      CrossProviderCheck.NAME, "(one provider only)",
      INGEST, "(rows refused at ingest)",
      ACTION_INGEST, "wrong dividends");

  private static boolean targets(String check, Stretch stretch) {
    return switch (check) {
      case PriceAnomalyCheck.NAME -> stretch.columns().contains("Close");
      case VolumeSpikeCheck.NAME -> stretch.columns().contains("Volume");
      case MissedSplitCheck.NAME -> stretch.bad().problem().contains("stock-split");
      case UnitErrorCheck.NAME -> stretch.bad().problem().contains("100x");
      case DividendSanityCheck.NAME, ACTION_INGEST -> stretch.dividendOnly();
      default -> false;
    };
  }

  private boolean suiteFinds(Stretch stretch) {
    return allChecks().stream().anyMatch(c -> found(c, stretch));
  }

  private List<String> allChecks() {
    List<String> all = new ArrayList<>(CHECKS);
    all.add(INGEST);
    all.add(ACTION_INGEST);
    return all;
  }

  /** Flagged dates of a bad file that no known-bad stretch accounts for. */
  private long extraOnBad(String check, Fixture bad) {
    List<Stretch> own = stretches.stream().filter(s -> s.bad().equals(bad)).toList();
    return flagged.get(bad).get(check).stream().filter(d -> own.stream().noneMatch(s -> s.matches(d))).count();
  }

  private String report() {
    StringBuilder out = new StringBuilder();
    List<Fixture> bad = fixtures.stream().filter(f -> f.role() == Role.BAD && !stretchesOf(f).isEmpty()).toList();
    List<Fixture> quietBad = fixtures.stream().filter(f -> f.role() == Role.BAD && stretchesOf(f).isEmpty()).toList();
    List<Fixture> corrected = fixtures.stream().filter(f -> f.role() != Role.BAD).toList();
    out.append(String.format("Known-bad stretches: %d in %d bad files (%d price/volume, %d dividend-only); %d bad"
            + " files differ from their fix only in Adj Close (not stored) and count as clean; %d corrected or clean"
            + " files.%n%n", stretches.size(), bad.size(), stretches.stream().filter(s -> !s.dividendOnly()).count(),
        stretches.stream().filter(Stretch::dividendOnly).count(), quietBad.size(), corrected.size()));
    out.append("| check | its target errors | found (recall) | any known-bad found | still flagged after"
        + " correction | other dates flagged in bad files | dates flagged in corrected/clean files (ERROR) |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (String check : allChecks()) {
      List<Stretch> targets = stretches.stream().filter(s -> targets(check, s)).toList();
      long hits = targets.stream().filter(s -> found(check, s)).count();
      long found = stretches.stream().filter(s -> found(check, s)).count();
      long still = stretches.stream().filter(s -> found(check, s) && stillFlaggedWhenCorrected(check, s)).count();
      long extra = fixtures.stream().filter(f -> f.role() == Role.BAD).mapToLong(f -> extraOnBad(check, f)).sum();
      long onCorrected = corrected.stream().mapToLong(f -> flagged.get(f).get(check).size()).sum();
      long errors = corrected.stream().mapToLong(f -> errorDates.get(f).get(check).size()).sum();
      out.append(String.format("| %s | %s | %s | %d / %d | %d | %d | %d (%d) |%n", check, TARGETS.get(check),
          targets.isEmpty() ? "—" : String.format("%d / %d (%.0f%%)", hits, targets.size(),
              100.0 * hits / targets.size()), found, stretches.size(), still, extra, onCorrected, errors));
    }
    long suite = stretches.stream().filter(this::suiteFinds).count();
    out.append(String.format("| **suite (any check)** | all | %d / %d (%.0f%%) | | | | |%n%n", suite,
        stretches.size(), 100.0 * suite / stretches.size()));
    out.append("With a verdict from 5 sessions of history on (`--min-history 5`; the default is 20):\n\n"
        + "| check | its target errors found | dates flagged in corrected/clean files |\n|---|---|---|\n");
    for (String check : SHORT_HISTORY_CHECKS) {
      List<Stretch> targets = stretches.stream().filter(s -> targets(check, s)).toList();
      long hits = targets.stream().filter(s -> flaggedWithShortHistory.get(s.bad()).get(check).stream()
          .anyMatch(s::matches)).count();
      long onCorrected = corrected.stream().mapToLong(f -> flaggedWithShortHistory.get(f).get(check).size()).sum();
      out.append(String.format("| %s | %d / %d | %d |%n", check, hits, targets.size(), onCorrected));
    }
    out.append('\n');
    out.append("| known-bad stretch | found by |\n|---|---|\n");
    for (Stretch stretch : stretches) {
      List<String> by = allChecks().stream().filter(c -> found(c, stretch)).toList();
      out.append("| ").append(stretch).append(" | ").append(by.isEmpty() ? "—" : String.join(", ", by))
          .append(" |\n");
    }
    out.append("\n| file | ").append(String.join(" | ", allChecks())).append(" |\n|---|")
        .append("---|".repeat(allChecks().size())).append('\n');
    for (Fixture fixture : fixtures) {
      out.append("| ").append(fixture.name()).append(fixture.role() == Role.BAD ? " (flags outside known-bad)" : "");
      for (String check : allChecks()) {
        long count = fixture.role() == Role.BAD ? extraOnBad(check, fixture) : flagged.get(fixture).get(check).size();
        out.append(" | ").append(count == 0 ? "" : Long.toString(count));
      }
      out.append(" |\n");
    }
    return out.toString();
  }

  private List<Stretch> stretchesOf(Fixture fixture) {
    return stretches.stream().filter(s -> s.bad().equals(fixture)).toList();
  }

}
