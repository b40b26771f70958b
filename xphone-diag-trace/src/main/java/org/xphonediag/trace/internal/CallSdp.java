package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.sip.SdpAnalyzer;
import org.xphonediag.sip.SdpRole;
import org.xphonediag.sip.sdp.CandidateType;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SdpFormatException;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.LegRole;
import org.xphonediag.trace.OfferedCandidates;
import org.xphonediag.trace.SipMessage;

/**
 * The two SDPs of one call (docs/field-guide.md#reading-a-trace): the client's from the loopback INVITE (origin {@code
 * IceLink}) and the XCC's from the 183/200 (origin {@code FreeSWITCH}), parsed with the sip module.
 * The role comes from the sip module's origin table ({@code SdpAnalyzer#roleOf}); without a known
 * origin, the loopback leg's first request SDP counts as the client's and its first response SDP as
 * the XCC's. The {@code ice-pwd} is never read out. Immutable.
 *
 * @param call the call number
 * @param client the client side, when an SDP was found
 * @param xcc the XCC side, when an SDP was found
 */
record CallSdp(int call, Optional<Side> client, Optional<Side> xcc) {

  /**
   * One side's SDP.
   *
   * @param name {@code client} or {@code xcc}
   * @param message the SIP message carrying the SDP
   * @param sdp the parsed SDP
   * @param roleByOrigin true when the origin named the role (IceLink / FreeSWITCH)
   */
  record Side(String name, SipMessage message, SessionDescription sdp, boolean roleByOrigin) {
    /** A host candidate with a private (or mDNS) address, as {@code SdpAnalyzer} defines it (docs/field-guide.md#reading-a-trace). */
    boolean hasPrivateHost() {
      return candidates().stream().anyMatch(c -> c.type() == CandidateType.HOST
          && (c.addressClass().isPrivate() || c.addressClass() == AddressClass.MDNS));
    }

    /** A candidate with a public address (ARCHITECTURE.md "Public or private"). */
    boolean hasPublicCandidate() {
      return candidates().stream().anyMatch(c -> c.addressClass().isPublic());
    }

    List<SdpCandidate> candidates() {
      return sdp.candidates();
    }

    /** True when the SDP uses ICE (RFC 8839): candidates, or an ice-ufrag at session or media level. */
    boolean ice() {
      return !sdp.candidates().isEmpty() || sdp.iceUfrag().isPresent()
          || sdp.media().stream().anyMatch(m -> m.iceUfrag().isPresent());
    }

    Optional<String> ufrag() {
      return sdp.iceUfrag();
    }

    /** Candidate addresses and their raddr values (the addresses this side named). */
    Set<IpAddress> ips() {
      Set<IpAddress> out = new HashSet<>();
      for (SdpCandidate c : candidates()) {
        c.ipAddress().ifPresent(ip -> out.add(ip.unmapped()));
        c.relatedAddress().flatMap(IpAddress::tryParse).ifPresent(ip -> out.add(ip.unmapped()));
      }
      return out;
    }

    /** Candidate endpoints, and raddr:rport of srflx candidates, as {@code ip:port}. */
    Set<String> endpoints() {
      Set<String> out = new HashSet<>();
      for (SdpCandidate c : candidates()) {
        c.ipAddress().ifPresent(ip -> out.add(endpoint(ip, c.port())));
        if (c.relatedAddress().isPresent() && c.relatedPort().isPresent()) {
          IpAddress.tryParse(c.relatedAddress().get()).ifPresent(ip -> out.add(endpoint(ip, c.relatedPort()
              .getAsInt())));
        }
      }
      return out;
    }

    Set<Integer> ports() {
      Set<Integer> out = new HashSet<>();
      candidates().forEach(c -> out.add(c.port()));
      return out;
    }

    /** What this side offered, for call {@code call}. */
    OfferedCandidates offered(int call) {
      return new OfferedCandidates(call, name, message.frame(), message.summary(), sdp.origin().username(), ufrag(),
          hasPrivateHost(), hasPublicCandidate(), candidates());
    }
  }

  static String endpoint(IpAddress ip, int port) {
    IpAddress u = ip.unmapped();
    return (u.isIpv6() ? "[" + u + "]" : u.toString()) + ":" + port;
  }

  static String endpoint(HostAndPort hp) {
    return hp.ipAddress().map(ip -> endpoint(ip, hp.port())).orElse(hp.toString());
  }

  /** The SDPs of each call, in call order; calls without any SDP are left out. */
  static List<CallSdp> of(List<CallLeg> legs) {
    Map<Integer, List<CallLeg>> calls = new LinkedHashMap<>();
    for (CallLeg l : legs) {
      calls.computeIfAbsent(l.call(), k -> new ArrayList<>()).add(l);
    }
    SdpParser parser = SdpParser.defaults();
    SdpAnalyzer analyzer = SdpAnalyzer.defaults();
    List<CallSdp> out = new ArrayList<>();
    for (Map.Entry<Integer, List<CallLeg>> e : calls.entrySet()) {
      Side client = null;
      Side xcc = null;
      Side fallbackClient = null;
      Side fallbackXcc = null;
      // the loopback leg first: the XCC's own INVITE on leg 2 also carries a FreeSWITCH origin
      List<CallLeg> ordered = new ArrayList<>(e.getValue().stream().filter(l -> l.role() == LegRole.LOOPBACK).toList());
      ordered.addAll(e.getValue().stream().filter(l -> l.role() != LegRole.LOOPBACK).toList());
      for (CallLeg l : ordered) {
        for (SipMessage m : l.messages()) {
          Optional<String> body = m.sdp();
          if (body.isEmpty() || client != null && xcc != null) {
            continue;
          }
          SessionDescription sdp;
          try {
            sdp = parser.parse(body.get(), "frame " + m.frame());
          } catch (SdpFormatException ex) {
            continue; // an unreadable SDP names no candidates; the SIP findings still stand
          }
          SdpRole role = analyzer.roleOf(sdp.origin().username());
          if (role == SdpRole.CLIENT && client == null && m.request()) {
            client = new Side("client", m, sdp, true);
          } else if (role == SdpRole.XCC && xcc == null && !m.request()) {
            xcc = new Side("xcc", m, sdp, true);
          } else if (role == SdpRole.UNKNOWN && l.role() == LegRole.LOOPBACK) {
            if (m.request() && fallbackClient == null) {
              fallbackClient = new Side("client", m, sdp, false);
            } else if (!m.request() && fallbackXcc == null) {
              fallbackXcc = new Side("xcc", m, sdp, false);
            }
          }
        }
      }
      Side c = client != null ? client : fallbackClient;
      Side x = xcc != null ? xcc : fallbackXcc;
      if (c != null || x != null) {
        out.add(new CallSdp(e.getKey(), Optional.ofNullable(c), Optional.ofNullable(x)));
      }
    }
    return out;
  }
}
