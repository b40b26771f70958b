package org.xphonediag.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.SourceLocation;

/**
 * The one way the project reads a local input file. Every method first requires a regular file
 * (after following symbolic links): a directory, a device ({@code /dev/zero} never ends,
 * {@code /dev/null} is empty by accident), a FIFO (opening it blocks until a writer comes) or a
 * socket is refused with an {@link InputFileException} that says which it is. Reads stop at the
 * {@link ReadLimit}'s cap while reading, so a file that grows, or lies about its size, costs at
 * most the cap. Stateless and thread-safe.
 *
 * <p>Text ({@link #readText}, {@link #decodeText}) is UTF-8, or UTF-16 when a byte order mark says
 * so; a UTF-8 byte order mark is dropped too. Bytes that are not valid in that encoding are an
 * {@link InputFileException} located by line, column and byte offset, never replaced.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Checks that {@code file} is a regular file (symbolic links followed).
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist
   * @throws InputFileException when it is a directory, a device, a FIFO or a socket
   * @throws IOException when its attributes cannot be read (e.g. a symbolic link loop)
   */
  public static void requireRegularFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new InputFileException(file.toString(), "not a regular file but " + kind(file, a)
          + "; give a file (copy what the device or pipe delivers into one)");
    }
  }

  /**
   * Opens a regular file for streaming, for inputs read in one pass without a cap (captures, logs,
   * attachments); the caller closes it.
   *
   * @throws IOException as {@link #requireRegularFile} does, or when it cannot be opened
   */
  public static InputStream newInputStream(Path file) throws IOException {
    requireRegularFile(file);
    return Files.newInputStream(file);
  }

  /**
   * Reads a regular file of at most {@code limit} bytes.
   *
   * @throws InputFileException when it is not a regular file or is larger than the cap
   * @throws IOException when it cannot be read
   */
  public static byte[] readBytes(Path file, ReadLimit limit) throws IOException {
    Objects.requireNonNull(limit, "limit");
    requireRegularFile(file);
    long size = Files.size(file);
    if (size > limit.maxBytes()) {
      throw tooLarge(file, limit, size);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) limit.maxBytes() + 1);
    }
    if (bytes.length > limit.maxBytes()) {
      throw tooLarge(file, limit, -1);
    }
    return bytes;
  }

  /**
   * Reads a regular file of at most {@code limit} bytes as text (see the class comment).
   *
   * @throws InputFileException when it is not a regular file, is larger than the cap or is not text
   *     in a supported encoding (located)
   * @throws IOException when it cannot be read
   */
  public static String readText(Path file, ReadLimit limit) throws IOException {
    return decodeText(readBytes(file, limit), file.toString());
  }

  /**
   * Decodes {@code bytes} as UTF-8, or as UTF-16 when they begin with its byte order mark; a
   * byte order mark is not part of the text.
   *
   * @param source names the input in the exception, e.g. the file name or {@code <stdin>}
   * @throws InputFileException at the first byte that is not valid in the encoding, with its line,
   *     column and byte offset
   */
  public static String decodeText(byte[] bytes, String source) throws InputFileException {
    Objects.requireNonNull(source, "source");
    int skip = byteOrderMarkLength(bytes);
    Charset cs = textEncoding(bytes);
    CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // Validated in small steps (line and column kept for the error), then decoded in one go: the
    // text costs its own size once, not a second buffer of two bytes per input byte.
    ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
    CharBuffer out = CharBuffer.allocate(8192);
    int[] at = {1, 1}; // line and column of the next character
    while (true) {
      CoderResult r = dec.decode(in, out, true);
      count(out, at);
      if (r.isError()) {
        throw badText(source, bytes, in.position(), at[0], at[1], cs);
      }
      if (r.isUnderflow()) {
        break;
      }
    }
    CoderResult r = dec.flush(out);
    count(out, at);
    if (r.isError()) {
      throw badText(source, bytes, in.position(), at[0], at[1], cs);
    }
    return new String(bytes, skip, bytes.length - skip, cs);
  }

  private static void count(CharBuffer out, int[] at) {
    out.flip();
    while (out.hasRemaining()) {
      if (out.get() == '\n') {
        at[0]++;
        at[1] = 1;
      } else {
        at[1]++;
      }
    }
    out.clear();
  }

  /**
   * The encoding {@link #decodeText} reads {@code bytes} in: UTF-16LE or UTF-16BE when they begin
   * with its byte order mark, else UTF-8.
   */
  public static Charset textEncoding(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    return StandardCharsets.UTF_8;
  }

  /** The length of the byte order mark {@code bytes} begin with (UTF-8: 3, UTF-16: 2), 0 without one. */
  public static int byteOrderMarkLength(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      return 3;
    }
    return textEncoding(bytes) == StandardCharsets.UTF_8 ? 0 : 2;
  }

  private static InputFileException badText(String source, byte[] bytes, int offset, int line, int column,
      Charset cs) {
    SourceLocation at = SourceLocation.of(source, line, column).withByteOffset(offset);
    String what = cs == StandardCharsets.UTF_8
        ? String.format(Locale.ROOT, "not UTF-8 text: byte 0x%02X", bytes[offset] & 0xff)
        : "not valid " + cs.name() + " text (its byte order mark says " + cs.name() + "): a broken character";
    return new InputFileException(source, String.format(Locale.ROOT, "%s at line %d, column %d (byte offset %d); "
        + "save it as UTF-8 (or UTF-16 with a byte order mark)", what, line, column, offset), at);
  }

  private static InputFileException tooLarge(Path file, ReadLimit limit, long size) {
    return new InputFileException(file.toString(), "a " + limit.kind() + " may have at most " + limit.human()
        + " (" + limit.maxBytes() + " bytes) but this one has " + (size >= 0 ? size + " bytes" : "more"));
  }

  /** What a file that is not a regular one is, for messages. */
  static String kind(Path file, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer m) {
        switch (m & 0170000) {
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0010000:
            return "a FIFO (named pipe)";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view here: the generic description below
    }
    return "a special file";
  }
}
