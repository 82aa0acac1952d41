package io.aiinvest.datahub.schedule;

import io.aiinvest.datahub.domain.DatahubException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a second {@code datahub serve} off an embedded database file: a DuckDB file is opened by one process, so it
 * has one worker; only PostgreSQL can run several. The lock is an OS file lock on {@code <database file>.serve.lock},
 * taken before the database is opened and released when the process ends, however it ends. Holding it proves that no
 * other worker uses the file, which lets the worker take back what a killed predecessor left picked
 * ({@link Worker#startAlone}).
 *
 * <p>The lock file names the worker holding it, for the message another instance shows and for other commands, which
 * DuckDB keeps off the file while the worker has it open ({@link #holder}): its first line is the worker's name and
 * process id ({@code worker-1, PID 1234}), and once the worker answers HTTP a second line is the address of its
 * endpoints ({@code http://127.0.0.1:8080}), where {@code datahub jobs} reads the history meanwhile.
 */
public final class InstanceLock implements AutoCloseable {
  /**
   * The locks this process holds, by lock file. POSIX drops a process's lock on a file as soon as the process closes
   * any descriptor of that file, so a lock file this process holds must not be opened again here: its lock answers
   * instead.
   */
  private static final Map<Path, InstanceLock> HELD = new ConcurrentHashMap<>();

  private final Path databaseFile;
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final String owner;
  private final Optional<String> previousHolder;

  private InstanceLock(Path databaseFile, Path path, FileChannel channel, FileLock lock, String owner,
      Optional<String> previousHolder) {
    this.databaseFile = databaseFile;
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.owner = owner;
    this.previousHolder = previousHolder;
  }

  /**
   * Who holds, or last held, the lock of a database file.
   *
   * @param worker the worker's name and process id, {@code worker-1, PID 1234} ({@code unnamed worker} if the file
   *     names none)
   * @param http where the worker answers HTTP ({@code GET /health}, {@code GET /jobs}); empty until it listens
   */
  public record Holder(String worker, Optional<URI> http) {
    public Holder {
      Objects.requireNonNull(worker, "worker");
      Objects.requireNonNull(http, "http");
    }

    static Holder parse(String content) {
      List<String> lines = content.strip().lines().map(String::strip).toList();
      String worker = lines.isEmpty() || lines.get(0).isEmpty() ? "unnamed worker" : lines.get(0);
      Optional<URI> http = lines.stream().skip(1).filter(line -> line.startsWith("http://")).findFirst()
          .flatMap(Holder::uri);
      return new Holder(worker, http);
    }

    private static Optional<URI> uri(String text) {
      try {
        return Optional.of(URI.create(text));
      } catch (IllegalArgumentException e) {
        // A line half written by the holder at this instant: no address this time.
        return Optional.empty();
      }
    }
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
    Path key = path.toAbsolutePath().normalize();
    // One acquire at a time in this process, so two threads cannot both open the file.
    synchronized (HELD) {
      InstanceLock mine = HELD.get(key);
      if (mine != null) {
        throw refusal(databaseFile, path, mine.owner + ", PID " + ProcessHandle.current().pid());
      }
      FileChannel channel = null;
      try {
        Path parent = key.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        // Read through this channel: closing another descriptor of the file would drop the lock.
        String previous = read(channel);
        if (lock == null) {
          channel.close();
          throw refusal(databaseFile, path, previous.isBlank() ? "" : Holder.parse(previous).worker());
        }
        InstanceLock taken = new InstanceLock(databaseFile, path, channel, lock, owner,
            previous.isBlank() ? Optional.empty() : Optional.of(Holder.parse(previous).worker()));
        taken.write(Optional.empty());
        HELD.put(key, taken);
        return taken;
      } catch (IOException e) {
        closeQuietly(channel);
        throw new DatahubException("cannot lock " + path + " for datahub serve: " + e.getMessage(), e);
      }
    }
  }

  private static DatahubException refusal(Path databaseFile, Path path, String holder) {
    return new DatahubException("another datahub serve" + (holder.isEmpty() ? "" : " (" + holder + ")")
        + " is already running on the embedded database " + databaseFile + " (lock " + path + "); the embedded"
        + " store runs one worker: stop that one first, or use PostgreSQL (POSTGRES_URL) to run several");
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // until the buffer is full or the file ends
    }
    buffer.flip();
    return StandardCharsets.UTF_8.decode(buffer).toString();
  }

  /**
   * The worker of another process holding the database file's lock, if one does. Empty when no {@code serve} runs on
   * the file, and when the holder is this process.
   */
  public static Optional<Holder> holder(Path databaseFile) {
    Path path = lockFile(databaseFile);
    if (HELD.containsKey(path.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
      return Optional.of(Holder.parse(Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      // There is no lock file; only a better message hangs on this.
      return Optional.empty();
    }
  }

  /** The embedded database file this lock keeps to one worker. */
  public Path databaseFile() {
    return databaseFile;
  }

  /** The worker named by the lock file before this one took it (whether it stopped or was killed), if any. */
  public Optional<String> previousHolder() {
    return previousHolder;
  }

  /**
   * Records in the lock file where this worker answers HTTP, for commands that cannot open the file meanwhile; empty
   * takes the address back (the worker stops answering).
   */
  public void advertise(Optional<URI> http) {
    try {
      write(http);
    } catch (IOException e) {
      throw new DatahubException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes the whole content before cutting what is left of an older, longer one: a reader never sees it empty. */
  private void write(Optional<URI> http) throws IOException {
    String content = owner + ", PID " + ProcessHandle.current().pid() + "\n" + http.map(uri -> uri + "\n").orElse("");
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(content);
    int length = bytes.remaining();
    while (bytes.hasRemaining()) {
      channel.write(bytes, bytes.position());
    }
    channel.truncate(length);
    channel.force(false);
  }

  @Override
  public void close() {
    HELD.remove(path.toAbsolutePath().normalize(), this);
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
