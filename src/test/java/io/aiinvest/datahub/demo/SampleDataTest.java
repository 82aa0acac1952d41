package io.aiinvest.datahub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiinvest.datahub.domain.DateRange;
import io.aiinvest.datahub.domain.PriceBasis;
import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.provider.ProviderBars;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample is read from the classpath, also when it sits inside a jar. */
class SampleDataTest {
  @TempDir Path directory;

  @Test
  void sampleListsTheFiveDemoSymbolsWithTheirExchanges() {
    try (SampleData sample = SampleData.open()) {
      assertThat(sample.symbols()).extracting(s -> s.symbol().value())
          .containsExactly("SPY", "AAPL", "MSFT", "GOOGL", "AMZN");
      assertThat(sample.symbols()).extracting(SymbolInfo::exchange).allMatch(e -> e.isPresent());
    }
  }

  @Test
  void sampleIsReadFromInsideAJar() throws Exception {
    Path jar = directory.resolve("sample.jar");
    Path classes = Path.of(SampleData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.list(classes.resolve(SampleData.FOLDER))) {
      for (Path file : files.sorted().toList()) {
        out.putNextEntry(new JarEntry(SampleData.FOLDER + "/" + file.getFileName()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        SampleData sample = SampleData.open(loader)) {
      assertThat(sample.folder().toUri().getScheme()).isEqualTo("jar");
      ProviderBars aapl = sample.provider().fetch(Symbol.of("AAPL"), SampleData.DEMO_RANGE);

      assertThat(aapl.basis()).isEqualTo(PriceBasis.SPLIT_ADJUSTED);
      assertThat(aapl.bars()).hasSize(821);
      assertThat(aapl.bars().get(0).date()).isEqualTo(SampleData.DEMO_RANGE.from().orElseThrow());
      assertThat(sample.symbols()).hasSize(5);
    }
  }

  @Test
  void demoWindowHoldsBothSplitsAndTheDividendsOfFourSymbols() {
    try (SampleData sample = SampleData.open()) {
      long splits = 0;
      long dividends = 0;
      for (SymbolInfo info : sample.symbols()) {
        ProviderBars bars = sample.provider().fetch(info.symbol(), SampleData.DEMO_RANGE);
        splits += bars.actions().stream().filter(a -> a.type().name().equals("SPLIT")).count();
        dividends += bars.actions().stream().filter(a -> a.type().name().equals("DIVIDEND")).count();
      }
      assertThat(splits).isEqualTo(2);
      assertThat(dividends).isEqualTo(44);
      assertThat(SampleData.DEMO_RANGE).isEqualTo(DateRange.of(java.time.LocalDate.of(2022, 5, 2),
          java.time.LocalDate.of(2025, 8, 8)));
    }
  }
}
