package org.xphonediag.trace;

import java.util.Objects;
import org.xphonediag.core.SourceLocation;

/**
 * A capture file that cannot be read on: a corrupt length or an impossible header field, with the
 * byte offset where it was found. A capture that merely ends early is not an exception but a
 * {@link Truncation}.
 */
public class CaptureFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient SourceLocation location;

  /** A problem described by {@code message} at {@code byteOffset} of {@code source}. */
  public CaptureFormatException(String source, long byteOffset, String message) {
    super(Objects.requireNonNull(message, "message") + " (" + source + " at byte offset " + byteOffset + ")");
    this.location = SourceLocation.atOffset(source, Math.max(0, byteOffset));
  }

  /** Where the problem is: the source and its byte offset. */
  public SourceLocation location() {
    return location;
  }

  /** The byte offset (0-based) of the problem. */
  public long byteOffset() {
    return location.byteOffset().orElse(0);
  }
}
