package org.xphonediag.trace;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.xphonediag.core.Details;
import org.xphonediag.trace.rtp.RtpStream;

/**
 * One RTP stream of a capture tied to its call, leg and direction when the SDPs name its endpoints
 * (docs/field-guide.md#media). One element of {@code data.streams}. Immutable.
 *
 * @param call the call, when the stream is tied to one
 * @param leg the leg's role, when the stream is tied to a leg
 * @param callId the leg's Call-ID, when the stream is tied to a leg
 * @param direction e.g. {@code client-to-xcc} or {@code caller-to-callee}, when the stream is tied to a call
 * @param stream the stream's statistics
 */
public record CallStream(OptionalInt call, Optional<LegRole> leg, Optional<String> callId, Optional<String> direction,
    RtpStream stream) {
  public CallStream {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(leg, "leg");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(stream, "stream");
  }

  /** The {@code data.streams} entry: call, leg, Call-ID and direction where known, then the stream's details. */
  public Details toDetails() {
    if (call.isEmpty()) {
      return stream.toDetails();
    }
    Details.Builder d = Details.builder().put("call", call.getAsInt());
    leg.ifPresent(l -> d.put("leg", l));
    callId.ifPresent(c -> d.put("callId", c));
    direction.ifPresent(x -> d.put("direction", x));
    return d.putAll(stream.toDetails()).build();
  }
}
