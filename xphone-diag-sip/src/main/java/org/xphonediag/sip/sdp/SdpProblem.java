package org.xphonediag.sip.sdp;

import java.util.Objects;
import org.xphonediag.core.SourceLocation;

/**
 * A line the SDP parser skipped and kept reading past: today a malformed {@code a=candidate}
 * line (finding {@code sdp.malformed-candidate}, docs/field-guide.md#reading-a-trace), whose peer would ignore it as well.
 *
 * @param location source, line and column of the problem
 * @param message what was expected and found, naming the line
 * @param text the rejected line, shortened to 200 characters
 */
public record SdpProblem(SourceLocation location, String message, String text) {

  /** Checks that no field is null. */
  public SdpProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(text, "text");
  }
}
