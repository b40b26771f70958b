package org.xphonediag.trace.rtp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.sdp.MediaDescription;
import org.xphonediag.sip.sdp.RtpMap;
import org.xphonediag.sip.sdp.SdpAttribute;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpConnection;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * Builds {@link MediaHint}s from a parsed SDP (RFC 8866): one per {@code m=audio} section with a
 * port above 0 and an IP connection address (media level first, then session level); the
 * direction from the media level, then the session level, else {@code sendrecv}; payload types
 * from the rtpmap lines. Candidates are not hints by themselves: pass the pair that bindings
 * confirmed as extra hints when it differs from the connection address (docs/field-guide.md#reading-a-trace), or use {@link
 * #withCandidates} for an ICE offer whose connection address is a placeholder or private. Stateless.
 */
public final class MediaHints {
  private MediaHints() {}

  /** The hints of one side's SDP for call {@code call}, answered at {@code answeredAt} if it was. */
  public static List<MediaHint> fromSdp(int call, SessionDescription sdp, Optional<Instant> answeredAt) {
    return hints(call, sdp, answeredAt, false);
  }

  /**
   * The hints of {@link #fromSdp} plus one per UDP candidate of component 1 (RTP) of each audio
   * section (RFC 8839 §5.1), with that section's direction and payload types: where ICE may send
   * the media (docs/field-guide.md#media, #reading-a-trace). A candidate's raddr is not a hint (nothing is sent to it).
   */
  public static List<MediaHint> withCandidates(int call, SessionDescription sdp, Optional<Instant> answeredAt) {
    return hints(call, sdp, answeredAt, true);
  }

  private static List<MediaHint> hints(int call, SessionDescription sdp, Optional<Instant> answeredAt,
      boolean candidates) {
    Objects.requireNonNull(sdp, "sdp");
    Objects.requireNonNull(answeredAt, "answeredAt");
    MediaDirection sessionDirection = direction(sdp.attributes()).orElse(MediaDirection.SENDRECV);
    List<MediaHint> out = new ArrayList<>();
    for (MediaDescription m : sdp.media()) {
      if (!m.media().equalsIgnoreCase("audio") || m.port() <= 0 || m.port() > 65535) {
        continue;
      }
      Map<Integer, RtpCodec> types = new LinkedHashMap<>();
      for (RtpMap r : m.rtpMaps()) {
        if (r.clockRate() > 0 && r.payloadType() >= 0 && r.payloadType() <= 127) {
          types.put(r.payloadType(), new RtpCodec(r.encoding(), r.clockRate()));
        }
      }
      MediaDirection d = m.direction().map(MediaDirection::parse).orElse(sessionDirection);
      Optional<SdpConnection> c = m.connection().or(sdp::connection);
      Optional<IpAddress> ip = c.flatMap(conn -> IpAddress.tryParse(conn.address().split("/")[0]));
      ip.ifPresent(a -> out.add(new MediaHint(call, new HostAndPort(a.toString(), m.port()), d, types, answeredAt)));
      if (candidates) {
        for (SdpCandidate cand : m.candidates()) {
          Optional<IpAddress> a = cand.ipAddress();
          if (a.isPresent() && cand.component() == 1 && cand.transport().equalsIgnoreCase("udp")
              && cand.port() > 0 && cand.port() <= 65535) {
            out.add(new MediaHint(call, new HostAndPort(a.get().toString(), cand.port()), d, types, answeredAt));
          }
        }
      }
    }
    return out;
  }

  private static Optional<MediaDirection> direction(List<SdpAttribute> attributes) {
    for (SdpAttribute a : attributes) {
      String n = a.name().toLowerCase(Locale.ROOT);
      if (n.equals("sendrecv") || n.equals("sendonly") || n.equals("recvonly") || n.equals("inactive")) {
        return Optional.of(MediaDirection.parse(n));
      }
    }
    return Optional.empty();
  }
}
