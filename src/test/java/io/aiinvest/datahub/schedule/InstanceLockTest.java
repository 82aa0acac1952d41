package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One worker per embedded database file. */
class InstanceLockTest {
  private static final long PID = ProcessHandle.current().pid();

  @TempDir Path dir;

  @Test
  void secondWorkerOnAnEmbeddedFileIsRefusedNamingTheFirst() throws IOException {
    Path database = dir.resolve("hub.duckdb");
    try (InstanceLock first = InstanceLock.acquire(database, "host-1234")) {
      assertThat(Files.readString(dir.resolve("hub.duckdb.serve.lock"))).isEqualTo("host-1234, PID " + PID + "\n");

      assertThatThrownBy(() -> InstanceLock.acquire(database, "host-5678"))
          .isInstanceOf(DatahubException.class)
          .hasMessageContaining("another datahub serve (host-1234, PID " + PID + ") is already running on the"
              + " embedded database " + database)
          .hasMessageContaining("use PostgreSQL (POSTGRES_URL) to run several");
    }
  }

  @Test
  void lockIsFreeAgainOnceTheFirstWorkerHasStopped() throws IOException {
    Path database = dir.resolve("hub.duckdb");
    InstanceLock.acquire(database, "host-1234").close();

    try (InstanceLock second = InstanceLock.acquire(database, "host-5678")) {
      assertThat(Files.readString(dir.resolve("hub.duckdb.serve.lock"))).isEqualTo("host-5678, PID " + PID + "\n");
    }
  }

  @Test
  void theHolderIsTheWorkerOfAnotherProcessWhileItRuns() throws Exception {
    Path database = dir.resolve("hub.duckdb");
    assertThat(InstanceLock.holder(database)).as("no lock file yet").isEmpty();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HoldServeLock.class.getName(), database.toString(), "worker-9").redirectErrorStream(true).start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = output.readLine();
      } while (line != null && !line.startsWith("holding "));
      assertThat(line).as("the holder process started").isNotNull();

      assertThat(InstanceLock.holder(database)).contains("worker-9, PID " + holder.pid());
      assertThatThrownBy(() -> InstanceLock.acquire(database, "worker-1"))
          .hasMessageContaining("another datahub serve (worker-9, PID " + holder.pid() + ")");
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(30, TimeUnit.SECONDS)) {
        holder.destroy();
      }
    }
    assertThat(InstanceLock.holder(database)).as("the worker stopped").isEmpty();
    try (InstanceLock own = InstanceLock.acquire(database, "worker-1")) {
      assertThat(InstanceLock.holder(database)).as("this process holds it").isEmpty();
    }
  }
}
