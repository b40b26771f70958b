package org.xphonediag.core.io;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.SourceLocation;

/**
 * An input file that cannot be read as what it should be: not a regular file, larger than its cap,
 * or text that is not in a supported encoding. The message is {@code "FILE: REASON"}; {@link #reason()}
 * is the part after the file, for callers that name the file themselves.
 */
public final class InputFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String reason;
  private final transient SourceLocation location;

  public InputFileException(String file, String reason) {
    this(file, reason, null);
  }

  public InputFileException(String file, String reason, SourceLocation location) {
    super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"));
    this.file = file;
    this.reason = reason;
    this.location = location;
  }

  /** The file as it was named. */
  public String file() {
    return file;
  }

  /** What is wrong, without the file name. */
  public String reason() {
    return reason;
  }

  /** Where in the file, when the problem has a place (e.g. the first byte that is not UTF-8). */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }
}
