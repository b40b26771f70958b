package org.xphonediag.sip.sdp;

import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;

/**
 * An SDP text or a candidate line does not follow RFC 8866 / RFC 8839: an {@link InputException}
 * whose reason says what was expected and what was found, and whose {@link #location()} says where
 * (source, line and column).
 *
 * <p>Example message: {@code sdp line 7 (a=candidate): component must be 1..256 but was 0}.
 */
public final class SdpFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  /**
   * @param location where the problem is
   * @param reason what was expected and what was found, without the location
   */
  public SdpFormatException(SourceLocation location, String reason) {
    super(location, reason);
  }
}
