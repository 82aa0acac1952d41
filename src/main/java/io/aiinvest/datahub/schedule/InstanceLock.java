package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps a second {@code datahub serve} off an embedded database file: a DuckDB file is opened by one process, so it
 * has one worker; only PostgreSQL can run several. The lock is an OS file lock on {@code <database file>.serve.lock},
 * taken before the database is opened and released when the process ends, however it ends. The lock file names the
 * worker holding it (its name and process id), for the message another instance shows, and for other commands, which
 * DuckDB keeps off the file while the worker has it open ({@link #holder}).
 */
public final class InstanceLock implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of an embedded database file. */
  public static Path lockFile(Path databaseFile) {
    return databaseFile.resolveSibling(databaseFile.getFileName() + ".serve.lock");
  }

  /**
   * Takes the lock of the database file, or refuses with a message naming the file and the worker holding it.
   *
   * @param owner this worker's name, written into the lock file with the process id
   */
  public static InstanceLock acquire(Path databaseFile, String owner) {
    Path path = lockFile(databaseFile);
    FileChannel channel = null;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(path, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new DatahubException("another datahub serve" + (holder.isEmpty() ? "" : " (" + holder + ")")
            + " is already running on the embedded database " + databaseFile + " (lock " + path + "); the embedded"
            + " store runs one worker: stop that one first, or use PostgreSQL (POSTGRES_URL) to run several");
      }
      channel.truncate(0);
      channel.write(StandardCharsets.UTF_8.encode(owner + ", PID " + ProcessHandle.current().pid() + "\n"), 0);
      channel.force(false);
      return new InstanceLock(path, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DatahubException("cannot lock " + path + " for datahub serve: " + e.getMessage(), e);
    }
  }

  /**
   * The worker of another process holding the database file's lock ({@code worker-1, PID 1234}), if one does. Empty
   * when no {@code serve} runs on the file, and when the holder is this process.
   */
  public static Optional<String> holder(Path databaseFile) {
    Path path = lockFile(databaseFile);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
      String holder = Files.readString(path, StandardCharsets.UTF_8).strip();
      return Optional.of(holder.isEmpty() ? "unnamed worker" : holder);
    } catch (OverlappingFileLockException | IOException e) {
      // This process holds it, or there is no lock file; only a better message hangs on this either way.
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new DatahubException("cannot release " + path + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        // The lock was not taken; nothing is left to release.
      }
    }
  }
}
