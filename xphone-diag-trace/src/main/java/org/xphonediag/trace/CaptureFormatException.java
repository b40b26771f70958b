package org.xphonediag.trace;

import java.util.Objects;
import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;

/**
 * A capture file that cannot be read on: a corrupt length or an impossible header field, located
 * by the capture's name and the byte offset where it was found ({@link #location()}) with the
 * reason ({@link #reason()}). A capture that merely ends early is not an exception but a {@link
 * Truncation}.
 */
public class CaptureFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code reason} at {@code byteOffset} (0-based; a negative one counts as 0) of {@code source}. */
  public CaptureFormatException(String source, long byteOffset, String reason) {
    super(SourceLocation.atOffset(Objects.requireNonNull(source, "source"), Math.max(0, byteOffset)),
        Objects.requireNonNull(reason, "reason"));
  }

  /** The byte offset (0-based) of the problem. */
  public long byteOffset() {
    return location().byteOffset().orElse(0);
  }
}
