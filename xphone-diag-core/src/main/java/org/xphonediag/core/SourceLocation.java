package org.xphonediag.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where in an input a finding or an error was found: the source (a file name or a label such as
 * {@code <stdin>}), and whichever of line, column (characters, 1-based), byte offset (0-based) and
 * path (a key path such as {@code AppSettings.Secret}, or an attribute such as
 * {@code XOR-MAPPED-ADDRESS}) are known.
 */
public final class SourceLocation {
  private final String source;
  private final int line;
  private final int column;
  private final long byteOffset;
  private final String path;

  private SourceLocation(String source, int line, int column, long byteOffset, String path) {
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.column = column;
    this.byteOffset = byteOffset;
    this.path = path;
  }

  /** A location naming only the source. */
  public static SourceLocation of(String source) {
    return new SourceLocation(source, 0, 0, -1, null);
  }

  /** A line and column (both 1-based; 0 for an unknown column) in {@code source}. */
  public static SourceLocation of(String source, int line, int column) {
    if (line < 1 || column < 0) {
      throw new IllegalArgumentException("line must be >= 1 and column >= 0 but were " + line + ":" + column);
    }
    return new SourceLocation(source, line, column, -1, null);
  }

  /** A byte offset (0-based) in {@code source}. */
  public static SourceLocation atOffset(String source, long byteOffset) {
    if (byteOffset < 0) {
      throw new IllegalArgumentException("byte offset must be >= 0 but was " + byteOffset);
    }
    return new SourceLocation(source, 0, 0, byteOffset, null);
  }

  /** A copy with the given key or attribute path. */
  public SourceLocation withPath(String path) {
    return new SourceLocation(source, line, column, byteOffset, Objects.requireNonNull(path, "path"));
  }

  /** A copy with the given byte offset. */
  public SourceLocation withByteOffset(long offset) {
    return new SourceLocation(source, line, column, offset, path);
  }

  public String source() {
    return source;
  }

  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }

  public OptionalInt column() {
    return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
  }

  public OptionalLong byteOffset() {
    return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
  }

  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** {@code source:line:column}, then {@code (byte N)} and {@code [path]} where known. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    if (byteOffset >= 0) {
      sb.append(" (byte ").append(byteOffset).append(')');
    }
    if (path != null) {
      sb.append(" [").append(path).append(']');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceLocation l && l.source.equals(source) && l.line == line
        && l.column == column && l.byteOffset == byteOffset && Objects.equals(l.path, path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, column, byteOffset, path);
  }
}
