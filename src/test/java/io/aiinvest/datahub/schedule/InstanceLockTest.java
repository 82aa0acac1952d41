package io.aiinvest.datahub.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiinvest.datahub.domain.DatahubException;
import io.aiinvest.datahub.testing.HolderProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
  void lookingAtTheLockFromTheProcessHoldingItKeepsItHeld() throws IOException {
    // POSIX drops a process's lock when it closes any descriptor of the file: a refusal or a holder() in the holding
    // process must not open the file again.
    Path database = dir.resolve("hub.duckdb");
    try (InstanceLock first = InstanceLock.acquire(database, "host-1234")) {
      assertThatThrownBy(() -> InstanceLock.acquire(database, "host-5678"))
          .hasMessageContaining("another datahub serve (host-1234, PID " + PID + ")");
      assertThat(InstanceLock.holder(database)).as("this process holds it").isEmpty();

      assertThatThrownBy(() -> HolderProcess.start(HoldServeLock.class, database.toString(), "worker-9"))
          .as("another process still finds the lock taken")
          .hasMessageContaining("ended before it held anything");
    }
  }

  @Test
  void lockIsFreeAgainOnceTheFirstWorkerHasStoppedAndNamesItsPredecessor() throws IOException {
    Path database = dir.resolve("hub.duckdb");
    try (InstanceLock first = InstanceLock.acquire(database, "host-1234")) {
      assertThat(first.previousHolder()).as("the first on the file").isEmpty();
      assertThat(first.databaseFile()).isEqualTo(database);
    }

    try (InstanceLock second = InstanceLock.acquire(database, "host-5678")) {
      assertThat(Files.readString(dir.resolve("hub.duckdb.serve.lock"))).isEqualTo("host-5678, PID " + PID + "\n");
      assertThat(second.previousHolder()).contains("host-1234, PID " + PID);
    }
  }

  @Test
  void theLockFileSaysWhereTheWorkerAnswersHttpUntilItTakesTheAddressBack() throws Exception {
    Path database = dir.resolve("hub.duckdb");
    Path lockFile = dir.resolve("hub.duckdb.serve.lock");
    try (HolderProcess holder = HolderProcess.start(HoldServeLock.class, database.toString(), "worker-9",
        "http://127.0.0.1:8091")) {
      assertThat(Files.readString(lockFile)).isEqualTo("worker-9, PID " + holder.pid() + "\nhttp://127.0.0.1:8091\n");
      assertThat(InstanceLock.holder(database)).hasValueSatisfying(found -> {
        assertThat(found.worker()).isEqualTo("worker-9, PID " + holder.pid());
        assertThat(found.http()).contains(URI.create("http://127.0.0.1:8091"));
      });
      assertThatThrownBy(() -> InstanceLock.acquire(database, "worker-1"))
          .hasMessageContaining("another datahub serve (worker-9, PID " + holder.pid() + ") is already running");
    }

    try (InstanceLock own = InstanceLock.acquire(database, "worker-1")) {
      own.advertise(Optional.of(URI.create("http://[::1]:8092")));
      assertThat(Files.readString(lockFile)).isEqualTo("worker-1, PID " + PID + "\nhttp://[::1]:8092\n");
      own.advertise(Optional.empty());
      assertThat(Files.readString(lockFile)).isEqualTo("worker-1, PID " + PID + "\n");
    }
  }

  @Test
  void theHolderIsTheWorkerOfAnotherProcessWhileItRuns() throws Exception {
    Path database = dir.resolve("hub.duckdb");
    assertThat(InstanceLock.holder(database)).as("no lock file yet").isEmpty();
    try (HolderProcess holder = HolderProcess.start(HoldServeLock.class, database.toString(), "worker-9")) {
      assertThat(InstanceLock.holder(database)).hasValueSatisfying(found -> {
        assertThat(found.worker()).isEqualTo("worker-9, PID " + holder.pid());
        assertThat(found.http()).as("it listens on no port").isEmpty();
      });
      assertThatThrownBy(() -> InstanceLock.acquire(database, "worker-1"))
          .hasMessageContaining("another datahub serve (worker-9, PID " + holder.pid() + ")");
    }
    assertThat(InstanceLock.holder(database)).as("the worker stopped").isEmpty();
    try (InstanceLock own = InstanceLock.acquire(database, "worker-1")) {
      assertThat(InstanceLock.holder(database)).as("this process holds it").isEmpty();
    }
  }
}
