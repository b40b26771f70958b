package org.xphonediag.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.sip.sdp.SdpCandidate;

/**
 * The ICE candidates one side of a call offered in its SDP (docs/field-guide.md#reading-a-trace):
 * the client's from the IceLink INVITE, the XCC's from the FreeSWITCH 183/200. One element of
 * {@code data.candidates}. Immutable.
 *
 * @param call the call number
 * @param side {@code client} or {@code xcc}
 * @param frame the frame of the SIP message that carried the SDP
 * @param message that message's summary (start line)
 * @param origin the SDP's origin user name ({@code IceLink}, {@code FreeSWITCH}, ...)
 * @param iceUfrag the session-level {@code ice-ufrag}, when there is one (the password is never read)
 * @param privateHostCandidate whether a host candidate has a private (or mDNS) address
 * @param publicCandidate whether a candidate has a public address
 * @param candidates the candidates in SDP order
 */
public record OfferedCandidates(int call, String side, long frame, String message, String origin,
    Optional<String> iceUfrag, boolean privateHostCandidate, boolean publicCandidate, List<SdpCandidate> candidates) {
  public OfferedCandidates {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(iceUfrag, "iceUfrag");
    candidates = List.copyOf(candidates);
  }

  /** The {@code data.candidates} entry: side, frame, ufrag, origin, candidates with the {@code sdp} command's fields. */
  public Details toDetails() {
    List<Details> list = new ArrayList<>();
    for (SdpCandidate c : candidates) {
      Details.Builder d = Details.builder().put("foundation", c.foundation()).put("component", c.component())
          .put("transport", c.transport()).put("priority", c.priority()).put("address", c.address())
          .put("port", c.port()).put("type", c.type().jsonName());
      c.relatedAddress().ifPresent(a -> d.put("relatedAddress", a));
      c.relatedPort().ifPresent(p -> d.put("relatedPort", p));
      list.add(d.put("addressClass", c.addressClass().jsonName()).build());
    }
    Details.Builder b = Details.builder().put("call", call).put("side", side).put("frame", frame)
        .put("message", message).put("origin", origin);
    iceUfrag.ifPresent(u -> b.put("iceUfrag", u));
    return b.put("privateHostCandidate", privateHostCandidate).put("publicCandidate", publicCandidate)
        .put("candidates", list).build();
  }
}
