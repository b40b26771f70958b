package org.xphonediag.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file being replaced as a whole: the new content goes to a temporary file in the same folder
 * ({@code .NAME.RANDOM.tmp}), is forced to the disk, and is then renamed over the target
 * ({@code ATOMIC_MOVE}). Until {@link #commit()} the target keeps its old content; a failed write,
 * a {@link #close()} without commit or a killed process leave it intact (a killed process may
 * leave the temporary file behind, recognisable by its name).
 *
 * <p>A target that exists and is not a regular file ({@code /dev/null}, {@code /dev/stdout}, a FIFO)
 * cannot be replaced: it is written directly, and write errors are still reported. A target that
 * is a symbolic link is replaced where the link points. An existing target's POSIX permissions
 * carry over to the new file.
 *
 * <p>{@link #commit()} and {@link #close()} may be called from different threads (e.g. a shutdown
 * hook closing while the writer commits): exactly one of them wins.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("ticket.zip"), out -> bundle.writeTo(out));
 * }</pre>
 */
public final class AtomicFile implements AutoCloseable {
  /** Writes the content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream out;
  private boolean ended;

  private AtomicFile(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.out = Channels.newOutputStream(channel);
  }

  /**
   * Writes {@code content} to {@code target} as described in the class comment.
   *
   * @throws IOException when the content cannot be written or moved into place; the target then
   *     keeps its old content and the message names the target
   */
  public static void write(Path target, Content content) throws IOException {
    Objects.requireNonNull(content, "content");
    try (AtomicFile f = open(target)) {
      content.writeTo(f.stream());
      f.commit();
    }
  }

  /**
   * Starts replacing {@code target}; write to {@link #stream()}, then {@link #commit()}.
   *
   * @throws IOException when the temporary file cannot be created (e.g. the folder does not exist)
   */
  public static AtomicFile open(Path target) throws IOException {
    Objects.requireNonNull(target, "target");
    Path real = target;
    BasicFileAttributes existing = null;
    try {
      existing = Files.readAttributes(target, BasicFileAttributes.class);
      real = target.toRealPath();
    } catch (NoSuchFileException e) {
      // a new file
    }
    if (existing != null && !existing.isRegularFile()) {
      if (existing.isDirectory()) {
        throw new IOException(target + " is a directory");
      }
      FileChannel direct = FileChannel.open(real, StandardOpenOption.WRITE);
      return new AtomicFile(real, null, direct);
    }
    Path dir = real.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "the folder does not exist");
    }
    String name = real.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      byte[] r = new byte[6];
      RANDOM.nextBytes(r);
      Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(r) + ".tmp");
      try {
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        AtomicFile f = new AtomicFile(real, temp, ch);
        if (existing != null) {
          f.copyPermissions();
        }
        return f;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Where the content goes; not buffered. */
  public OutputStream stream() {
    return out;
  }

  /** The file being replaced (symbolic links resolved). */
  public Path target() {
    return target;
  }

  /**
   * Forces the content to the disk and moves it over the target. Then the target has the new
   * content; on an exception it still has the old one and the temporary file is gone.
   *
   * @throws IOException when forcing or moving fails, naming the target
   * @throws IllegalStateException when already committed or closed
   */
  public synchronized void commit() throws IOException {
    if (ended) {
      throw new IllegalStateException("already committed or closed: " + target);
    }
    ended = true;
    if (temp == null) {
      channel.close();
      return;
    }
    try {
      channel.force(true);
      channel.close();
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: the file system does not support an atomic "
            + "rename (" + e.getMessage() + "); " + target + " is unchanged", e);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly();
      deleteQuietly(temp);
      throw e;
    }
    forceFolder(target.toAbsolutePath().getParent());
  }

  /** Abandons the content unless committed: the temporary file is deleted. Idempotent. */
  @Override
  public synchronized void close() {
    if (ended) {
      return;
    }
    ended = true;
    closeQuietly();
    if (temp != null) {
      deleteQuietly(temp);
    }
  }

  private void copyPermissions() {
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (from == null || to == null) {
      return;
    }
    try {
      to.setPermissions(from.readAttributes().permissions());
    } catch (IOException | SecurityException e) {
      // the new file keeps the default permissions
    }
  }

  private void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary file left behind is named .NAME.RANDOM.tmp
    }
  }

  /** Makes the rename durable; not every platform can open a folder, which is harmless. */
  private static void forceFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the rename itself is done; only its durability across a power loss is not forced
    }
  }
}
