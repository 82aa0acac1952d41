package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.testing.HolderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    try (HolderProcess holder = HolderProcess.start(HoldServeLock.class, database.toString(), "worker-9")) {
      assertThat(InstanceLock.holder(database)).contains("worker-9, PID " + holder.pid());
      assertThatThrownBy(() -> InstanceLock.acquire(database, "worker-1"))
          .hasMessageContaining("another datahub serve (worker-9, PID " + holder.pid() + ")");
    }
    assertThat(InstanceLock.holder(database)).as("the worker stopped").isEmpty();
    try (InstanceLock own = InstanceLock.acquire(database, "worker-1")) {
      assertThat(InstanceLock.holder(database)).as("this process holds it").isEmpty();
    }
  }
}
