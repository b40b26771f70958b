package org.xphonediag.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import org.xphonediag.core.io.InputFileException;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.io.ReadLimit;

/**
 * The text of one configuration file, decoded the way IIS reads it: a UTF-8 or UTF-16 byte order
 * mark selects the encoding and is dropped, otherwise the bytes must be UTF-8. Columns reported
 * for this source count characters, not bytes. Immutable.
 *
 * <p>Bytes that are not valid in the encoding do not throw: the source keeps the offset of the
 * first bad byte, and the validator reports it as {@code config.syntax}. Reading is capped at
 * {@link #MAX_BYTES} ({@link ReadLimit#CONFIG_TEXT}) while reading; only regular files are read
 * ({@link InputFiles}).
 */
public final class ConfigSource {
  /** The largest file read, 1 MiB ({@link ReadLimit#CONFIG_TEXT}): real files are a few KiB. */
  public static final int MAX_BYTES = (int) ReadLimit.CONFIG_TEXT.maxBytes();

  private final String name;
  private final String text;
  private final boolean bom;
  private final long badByteOffset;
  private final String encoding;

  private ConfigSource(String name, String text, boolean bom, long badByteOffset, String encoding) {
    this.name = Objects.requireNonNull(name, "name");
    this.text = text;
    this.bom = bom;
    this.badByteOffset = badByteOffset;
    this.encoding = encoding;
  }

  /**
   * Reads {@code file} (at most {@link #MAX_BYTES}); the source's name is the path as given.
   *
   * @throws IOException when the file cannot be read, is not a regular file or is larger than the
   *     cap ({@link org.xphonediag.core.io.InputFileException} for the last two)
   */
  public static ConfigSource read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return decode(file.toString(), InputFiles.readBytes(file, ReadLimit.CONFIG_TEXT));
  }

  /** Decodes {@code bytes} as described in the class comment ({@link InputFiles#decodeText}). */
  public static ConfigSource decode(String name, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("at most " + MAX_BYTES + " bytes but got " + bytes.length);
    }
    boolean bom = InputFiles.byteOrderMarkLength(bytes) > 0;
    String encoding = InputFiles.textEncoding(bytes).name();
    try {
      return new ConfigSource(name, InputFiles.decodeText(bytes, name), bom, -1, encoding);
    } catch (InputFileException e) {
      long at = e.location().flatMap(l -> l.byteOffset().isPresent()
          ? java.util.Optional.of(l.byteOffset().getAsLong()) : java.util.Optional.empty()).orElse(0L);
      return new ConfigSource(name, "", bom, at, encoding);
    }
  }

  /** A source from text already decoded; a leading U+FEFF (a byte order mark) is dropped. */
  public static ConfigSource of(String name, String text) {
    Objects.requireNonNull(text, "text");
    boolean bom = text.startsWith("\uFEFF");
    return new ConfigSource(name, bom ? text.substring(1) : text, bom, -1, "text");
  }

  /** The file name or label used in locations. */
  public String name() {
    return name;
  }

  /** The decoded text without byte order mark; empty when the bytes could not be decoded. */
  public String text() {
    return text;
  }

  /** True when the input began with a byte order mark. */
  public boolean hadByteOrderMark() {
    return bom;
  }

  /** The encoding used: {@code UTF-8}, {@code UTF-16LE}, {@code UTF-16BE} or {@code text}. */
  public String encoding() {
    return encoding;
  }

  /** The byte offset of the first byte that is not valid in {@link #encoding()}, if any. */
  public OptionalLong badByteOffset() {
    return badByteOffset >= 0 ? OptionalLong.of(badByteOffset) : OptionalLong.empty();
  }

  @Override
  public String toString() {
    return "ConfigSource[" + name + ", " + text.length() + " chars]";
  }
}
