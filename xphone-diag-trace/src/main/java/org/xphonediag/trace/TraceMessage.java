package org.xphonediag.trace;

import java.time.Instant;

/** A message extracted from a capture: a {@link SipMessage} or a {@link StunPacket}. */
public sealed interface TraceMessage permits SipMessage, StunPacket {
  /** The frame the message was completed in (for TCP: the last segment's frame). */
  long frame();

  /** Capture time of that frame, nanoseconds since the epoch. */
  long epochNanos();

  /** Capture time as an instant. */
  default Instant time() {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos(), 1_000_000_000L),
        Math.floorMod(epochNanos(), 1_000_000_000L));
  }
}
