package io.aiinvest.datahub.store.duckdb;

import io.aiinvest.datahub.config.DbTarget;
import java.nio.file.Path;

/** Test helper run as a separate JVM: opens a DuckDB store, says so, and keeps it open until stdin closes. */
public final class HoldDuckDbFile {
  private HoldDuckDbFile() {}

  public static void main(String[] args) throws Exception {
    try (DuckDbMarketStore store = DuckDbMarketStore.open(new DbTarget.DuckDb(Path.of(args[0])))) {
      System.out.println("holding " + store.file());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our stdin
      }
    }
  }
}
