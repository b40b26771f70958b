package org.xphonediag.trace;

import java.util.Objects;
import org.xphonediag.core.net.HostAndPort;

/**
 * One direction of a non-signalling UDP flow (5-tuple), counted cheaply: its kind, packets and
 * bytes, first and last frame.
 *
 * @param source sender
 * @param destination receiver
 * @param kind the first media kind its packets were counted as (RTP, RTCP, DTLS, UDPTL, ZRTP,
 *     TURN_CHANNEL), OTHER when none was: a heuristic flow becomes RTP once confirmed
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
