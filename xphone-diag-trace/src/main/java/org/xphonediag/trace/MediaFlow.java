package org.xphonediag.trace;

import java.util.Objects;
import org.xphonediag.core.net.HostAndPort;

/**
 * One direction of a non-signalling UDP flow (5-tuple), counted cheaply: kind by the first packet
 * (RFC 7983), packets and bytes, first and last frame.
 *
 * @param source sender
 * @param destination receiver
 * @param kind RTP, RTCP, DTLS, ZRTP, TURN_CHANNEL or OTHER of the first packet
 * @param packets frames in this direction
 * @param bytes payload bytes
 * @param firstFrame first frame number
 * @param lastFrame last frame number
 */
public record MediaFlow(HostAndPort source, HostAndPort destination, PayloadKind kind, long packets, long bytes,
    long firstFrame, long lastFrame) {
  public MediaFlow {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(kind, "kind");
  }
}
