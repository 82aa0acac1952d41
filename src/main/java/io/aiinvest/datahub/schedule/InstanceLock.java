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

/**
 * Keeps a second {@code datahub serve} off an embedded database file: the embedded store has one writer process and
 * no shared job store, so only PostgreSQL can run several workers. The lock is an OS file lock on
 * {@code <database file>.serve.lock}, released when the process ends, however it ends.
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

  /**
   * Takes the lock of the database file, or refuses with a message naming the file and the worker holding it.
   *
   * @param owner this worker's name, written into the lock file for the message another instance shows
   */
  public static InstanceLock acquire(Path databaseFile, String owner) {
    Path path = databaseFile.resolveSibling(databaseFile.getFileName() + ".serve.lock");
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
      channel.write(StandardCharsets.UTF_8.encode(owner + "\n"), 0);
      return new InstanceLock(path, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new DatahubException("cannot lock " + path + " for datahub serve: " + e.getMessage(), e);
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
