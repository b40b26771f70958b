package org.xphonediag.sip.sdp;

import java.util.Objects;
import org.xphonediag.core.SourceLocation;

/**
 * An SDP text or a candidate line does not follow RFC 8866 / RFC 8839: the message says what was
 * expected, what was found and where ({@link #location()}: source, line and column).
 *
 * <p>Example message: {@code sdp line 7 (a=candidate): component must be 1..256 but was 0}.
 */
public final class SdpFormatException extends IllegalArgumentException {
  private final transient SourceLocation location;
  private final String reason;

  /**
   * @param location where the problem is
   * @param reason what was expected and what was found, without the location
   */
  public SdpFormatException(SourceLocation location, String reason) {
    super(Objects.requireNonNull(location, "location") + ": " + Objects.requireNonNull(reason, "reason"));
    this.location = location;
    this.reason = reason;
  }

  /** Where the problem is. */
  public SourceLocation location() {
    return location;
  }

  /** What was expected and what was found, without the location. */
  public String reason() {
    return reason;
  }
}
