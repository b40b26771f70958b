package org.xphonediag.trace.rtp;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;

/**
 * One side's media endpoint of a call as its SDP negotiated it (docs/field-guide.md#reading-a-trace): the address and port
 * that side receives RTP on (the connection address and media port, or the candidate pair that
 * bindings confirmed), its direction attribute, its rtpmap payload types, and when the call was
 * answered (the 200 OK). RTCP is looked for on the same port (RFC 5761 mux) and on port + 1.
 *
 * <p>Hints of one call share {@link #call()}; {@code media.one-way-audio} and {@code media.no-rtp}
 * are judged per call from hints that carry {@link #answeredAt()}.
 *
 * @param call the call number (as {@code CallLeg.call()}), grouping the hints of one call
 * @param endpoint where this side receives RTP, {@code ip:port} (an IP address, never a name)
 * @param direction the SDP direction attribute of this side
 * @param payloadTypes payload type -> codec from this side's rtpmap lines (may be empty)
 * @param answeredAt when the call was answered, if it was
 */
public record MediaHint(int call, HostAndPort endpoint, MediaDirection direction, Map<Integer, RtpCodec> payloadTypes,
    Optional<Instant> answeredAt) {
  public MediaHint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(answeredAt, "answeredAt");
    if (endpoint.ipAddress().isEmpty()) {
      throw new IllegalArgumentException("media hint endpoint must be an IP address but was " + endpoint);
    }
    payloadTypes = Map.copyOf(payloadTypes);
    for (Integer pt : payloadTypes.keySet()) {
      if (pt < 0 || pt > 127) {
        throw new IllegalArgumentException("payload type must be 0..127 but was " + pt + " for " + endpoint);
      }
    }
  }

  /** A sendrecv hint of an answered call without rtpmap lines (static payload types only). */
  public static MediaHint answered(int call, String endpoint, Instant answeredAt) {
    return new MediaHint(call, HostAndPort.parse(endpoint, 0), MediaDirection.SENDRECV, Map.of(),
        Optional.of(answeredAt));
  }

  /** A copy with {@code direction}. */
  public MediaHint withDirection(MediaDirection d) {
    return new MediaHint(call, endpoint, d, payloadTypes, answeredAt);
  }

  /** A copy with {@code types} as the rtpmap payload types. */
  public MediaHint withPayloadTypes(Map<Integer, RtpCodec> types) {
    return new MediaHint(call, endpoint, direction, types, answeredAt);
  }

  /** The endpoint's IP address. */
  public IpAddress address() {
    return endpoint.ipAddress().orElseThrow();
  }

  /** The codec for {@code payloadType}: this side's rtpmap first, RFC 3551 static types otherwise. */
  public Optional<RtpCodec> codec(int payloadType) {
    RtpCodec c = payloadTypes.get(payloadType);
    return c != null ? Optional.of(c) : RtpCodec.forStaticPayloadType(payloadType);
  }
}
