package io.aiinvest.datahub.ingest;

import static io.aiinvest.datahub.testing.Bars.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aiinvest.datahub.domain.Symbol;
import io.aiinvest.datahub.domain.SymbolInfo;
import io.aiinvest.datahub.store.MarketStore;
import io.aiinvest.datahub.store.MarketStore.SymbolWrite;
import io.aiinvest.datahub.store.MarketStore.WriteResult;
import io.aiinvest.datahub.store.postgres.PostgresMarketStore;
import io.aiinvest.datahub.store.postgres.ScratchDatabase;
import io.aiinvest.datahub.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer on the real PostgreSQL store, whose first batch write is held until the test lets it go. */
class BatchWriterTest {
  private ScratchDatabase database;
  private PostgresMarketStore postgres;
  private final List<List<Symbol>> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstWriteEntered = new CountDownLatch(1);
  private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
  /** When set, the second batch write waits for it too, and gives up when its thread is interrupted. */
  private volatile CountDownLatch secondWriteEntered;
  private MarketStore store;

  @BeforeEach
  void open() {
    database = TestPostgres.scratch();
    postgres = PostgresMarketStore.open(database.target(), TestPostgres.config(database));
    for (String symbol : List.of("AAA", "BBB", "CCC", "DDD")) {
      postgres.upsertSymbol(SymbolInfo.of(Symbol.of(symbol)));
    }
    store = (MarketStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MarketStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("writeBatch")) {
            @SuppressWarnings("unchecked")
            List<SymbolWrite> writes = (List<SymbolWrite>) args[0];
            batches.add(writes.stream().map(SymbolWrite::symbol).toList());
            if (batches.size() == 1) {
              firstWriteEntered.countDown();
              releaseFirstWrite.await(10, TimeUnit.SECONDS);
            } else if (batches.size() == 2 && secondWriteEntered != null) {
              secondWriteEntered.countDown();
              // A store whose transaction is interrupted rolls it back and throws.
              new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            }
          }
          try {
            return method.invoke(postgres, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @AfterEach
  void close() {
    postgres.close();
    database.close();
  }

  private static SymbolWrite write(String symbol, String... dates) {
    return new SymbolWrite(Symbol.of(symbol),
        List.of(dates).stream().map(d -> flat(symbol, d, "10", 100)).toList(), List.of());
  }

  @Test
  void symbolsQueuedDuringAWriteGoIntoTheNextOneTogetherEachWithItsOwnCounts() throws Exception {
    CompletableFuture<WriteResult> first;
    CompletableFuture<WriteResult> second;
    CompletableFuture<WriteResult> third;
    try (BatchWriter writer = new BatchWriter(store, 50)) {
      first = writer.submit(write("AAA", "2024-01-02"));
      assertThat(firstWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();
      second = writer.submit(write("BBB", "2024-01-02", "2024-01-03"));
      third = writer.submit(write("CCC", "2024-01-02", "2024-01-03", "2024-01-04"));
      releaseFirstWrite.countDown();
    }

    assertThat(batches).containsExactly(List.of(Symbol.of("AAA")), List.of(Symbol.of("BBB"), Symbol.of("CCC")));
    assertThat(first.get().bars().inserted()).isEqualTo(1);
    assertThat(second.get().bars().inserted()).isEqualTo(2);
    assertThat(third.get().bars().inserted()).isEqualTo(3);
  }

  @Test
  void failedBatchIsWrittenSymbolBySymbolSoOnlyTheSymbolAtFaultFails() throws Exception {
    CompletableFuture<WriteResult> good;
    CompletableFuture<WriteResult> bad;
    CompletableFuture<WriteResult> alsoGood;
    try (BatchWriter writer = new BatchWriter(store, 50)) {
      writer.submit(write("AAA", "2024-01-02"));
      assertThat(firstWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();
      good = writer.submit(write("BBB", "2024-01-02"));
      bad = writer.submit(write("CCC", "2024-01-02", "2024-01-02"));
      alsoGood = writer.submit(write("DDD", "2024-01-02"));
      releaseFirstWrite.countDown();
    }

    assertThat(good.get().bars().inserted()).isEqualTo(1);
    assertThat(alsoGood.get().bars().inserted()).isEqualTo(1);
    assertThat(bad).isCompletedExceptionally();
    ExecutionException failure = catchThrowableOfType(bad::get, ExecutionException.class);
    assertThat(failure.getCause()).hasMessageContaining("duplicate bar in one load: CCC 2024-01-02");
    assertThat(batches).hasSize(5);
    assertThat(postgres.countBars(Optional.empty())).isEqualTo(3);
  }

  @Test
  void abortedBatchFailsWholeWithoutBeingRetriedSymbolBySymbolAndNothingMoreIsWritten() throws Exception {
    secondWriteEntered = new CountDownLatch(1);
    List<CompletableFuture<WriteResult>> interrupted;
    CompletableFuture<WriteResult> afterAbort;
    try (BatchWriter writer = new BatchWriter(store, 50)) {
      CompletableFuture<WriteResult> first = writer.submit(write("AAA", "2024-01-02"));
      assertThat(firstWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();
      interrupted = List.of(writer.submit(write("BBB", "2024-01-02")), writer.submit(write("CCC", "2024-01-02")),
          writer.submit(write("DDD", "2024-01-02")));
      releaseFirstWrite.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).bars().inserted()).isOne();
      assertThat(secondWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();

      writer.abort();
      afterAbort = writer.submit(write("BBB", "2024-01-03"));
    }

    assertThat(interrupted).allSatisfy(result -> assertThat(result).isCompletedExceptionally());
    assertThat(afterAbort).isCompletedExceptionally();
    ExecutionException refused = catchThrowableOfType(afterAbort::get, ExecutionException.class);
    assertThat(refused.getCause()).hasMessageContaining("not stored, the run was interrupted");
    // The interrupted batch was not written again one symbol at a time, and nothing was written after it.
    assertThat(batches).containsExactly(List.of(Symbol.of("AAA")),
        List.of(Symbol.of("BBB"), Symbol.of("CCC"), Symbol.of("DDD")));
    assertThat(postgres.countBars(Optional.empty())).isOne();
  }

  @Test
  void batchesTakeAtMostTheConfiguredNumberOfSymbols() throws Exception {
    try (BatchWriter writer = new BatchWriter(store, 2)) {
      writer.submit(write("AAA", "2024-01-02"));
      assertThat(firstWriteEntered.await(10, TimeUnit.SECONDS)).isTrue();
      writer.submit(write("BBB", "2024-01-02"));
      writer.submit(write("CCC", "2024-01-02"));
      writer.submit(write("DDD", "2024-01-02"));
      releaseFirstWrite.countDown();
    }

    assertThat(batches).extracting(List::size).containsExactly(1, 2, 1);
  }
}
