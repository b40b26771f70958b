package org.xphonediag.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclList;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.sip.sdp.MediaDescription;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SessionDescription;

/**
 * Which candidates FreeSWITCH's {@code check_ice} ({@code switch_core_media.c}) reads from an offer
 * for audio: the first audio section's attributes, then the session-level ones unless the section
 * already gave both an {@code ice-ufrag} and candidates; without any {@code ice-ufrag} it ignores
 * the candidates. {@link SdpAnalyzer} and the CLI's {@code acl --sdp} use it.
 *
 * @param candidates the candidates read, in SDP order
 * @param iceSeen true when an {@code ice-ufrag} was read with them
 */
public record FreeSwitchIce(List<SdpCandidate> candidates, boolean iceSeen) {
  private static final AclChain ALLOW_ALL = AclChain.of(List.of(AclList.of("any", AclType.ALLOW, List.of())));

  /** Copies the list. */
  public FreeSwitchIce {
    candidates = List.copyOf(candidates);
  }

  /** The candidates FreeSWITCH reads from {@code sdp} for audio. */
  public static FreeSwitchIce read(SessionDescription sdp) {
    Optional<MediaDescription> audio = sdp.media().stream().filter(m -> m.media().equalsIgnoreCase("audio"))
        .findFirst();
    List<SdpCandidate> out = new ArrayList<>();
    boolean ufrag = false;
    if (audio.isPresent()) {
      out.addAll(audio.get().candidates());
      ufrag = audio.get().iceUfrag().isPresent();
    }
    if (!(ufrag && !out.isEmpty())) {
      List<SdpCandidate> all = sdp.candidates();
      int inMedia = sdp.media().stream().mapToInt(m -> m.candidates().size()).sum();
      out.addAll(all.subList(0, all.size() - inMedia)); // the session-level ones come first
      ufrag |= sessionUfrag(sdp);
    }
    return new FreeSwitchIce(List.copyOf(out), ufrag);
  }

  private static boolean sessionUfrag(SessionDescription sdp) {
    return sdp.attributes().stream().anyMatch(a -> a.name().equalsIgnoreCase("ice-ufrag"));
  }

  /**
   * Without a known ACL: the candidate FreeSWITCH would take if its candidate ACL allowed every
   * address (UDP, component 1, an IP literal of a family the XCC has RTP for, a non-relay one before
   * any relay one; docs/field-guide.md#reading-a-trace: "the first valid address").
   */
  public static Optional<SdpCandidate> firstValid(List<SdpCandidate> candidates, RtpFamilies families) {
    AclOfferDecision o = ALLOW_ALL.candidates(candidates.stream().map(FreeSwitchIce::toAcl).toList(), families);
    for (int i = 0; i < candidates.size(); i++) {
      if (o.candidates().get(i).chosen()) {
        return Optional.of(candidates.get(i));
      }
    }
    return Optional.empty();
  }

  /** The candidates as the ACL engine reads them: addresses as written, components and types. */
  public List<AclCandidate> acl() {
    return candidates.stream().map(FreeSwitchIce::toAcl).toList();
  }

  /** A candidate as the ACL engine reads it: the address as written, component and type. */
  static AclCandidate toAcl(SdpCandidate c) {
    return new AclCandidate(c.addressText(), c.port(), c.transport(), c.component(), c.typeToken());
  }
}
