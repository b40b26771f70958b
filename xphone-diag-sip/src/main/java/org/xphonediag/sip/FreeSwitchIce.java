package org.xphonediag.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.net.IpAddress;
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
   * Without a known ACL: the first candidate FreeSWITCH could take (UDP, component 1, an IP literal
   * of a family the XCC has RTP for), a non-relay one before any relay one (DOMAIN §6: "the first
   * valid address").
   */
  public static Optional<SdpCandidate> firstValid(List<SdpCandidate> candidates, RtpFamilies families) {
    Optional<SdpCandidate> relay = Optional.empty();
    for (SdpCandidate c : candidates) {
      if (c.component() != 1 || !c.transport().equals("udp") || IpAddress.tryParse(c.addressText()).isEmpty()
          || !families.permits(c.addressText())) {
        continue;
      }
      if (!c.typeToken().equals("relay")) {
        return Optional.of(c);
      }
      relay = relay.isPresent() ? relay : Optional.of(c);
    }
    return relay;
  }
}
