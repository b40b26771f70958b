package org.xphonediag.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One frame as stored in a capture: its 1-based number (as Wireshark counts), time, interface,
 * link type, original length and the captured bytes (possibly fewer than the original length).
 * The byte array is owned by the frame; callers must not modify it.
 *
 * @param number 1-based frame number in file order
 * @param epochNanos capture time in nanoseconds since the epoch
 * @param interfaceId pcapng interface id (0 for classic pcap)
 * @param linkType the interface's {@link LinkType}
 * @param originalLength the length on the wire
 * @param data the captured bytes
 * @param fileOffset byte offset of the frame's record in the file
 */
public record CapturedFrame(long number, long epochNanos, int interfaceId, int linkType, int originalLength,
    byte[] data, long fileOffset) {

  public CapturedFrame {
    Objects.requireNonNull(data, "data");
  }

  /** The capture time as an instant. */
  public Instant timestamp() {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
  }

  /** True when fewer bytes were captured than were on the wire (snap length). */
  public boolean sliced() {
    return data.length < originalLength;
  }
}
