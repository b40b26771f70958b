package org.xphonediag.trace.internal;

import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.PayloadKind;
import org.xphonediag.trace.rtp.internal.RtpHeaders;

/**
 * Decides what a UDP packet that is neither SIP nor STUN is, per flow (one direction of a 5-tuple).
 * A packet is media only when it is tied to negotiated media or passes a strict heuristic:
 *
 * <ul>
 *   <li><b>Negotiated</b>: an endpoint an SDP named for RTP (connection address and port of an RTP
 *       {@code m=} line, port + 1 for RTCP, its UDP candidates; RFC 8866, RFC 8839), or a 5-tuple
 *       a STUN binding ran on (the ICE pair, RFC 8445). By the first byte (RFC 7983 §7): RTP with
 *       a sane header, RTCP, DTLS; anything else is other. Of a flow's two endpoints the one named
 *       last decides.
 *   <li><b>T.38</b>: an endpoint an SDP named in {@code m=image PORT udptl t38} (ITU-T T.38 Annex D)
 *       carries UDPTL from then on. An RTP-looking packet there is RTP only on a flow that carried
 *       RTP before and when it continues the flow's last RTP stream (same SSRC, sequence number
 *       1..100 ahead) or, until the first packet that is not RTP, has that stream's payload type:
 *       the audio sent before the switch took effect.
 *   <li><b>Heuristic</b> (everything else), at least as strict as tshark's {@code rtp_udp}
 *       heuristic ({@code dissect_rtp_heur}: version 2, payload type not 72..76, header, CSRC list,
 *       extension and padding within the packet): both ports from 1024 and neither a well-known
 *       non-media port ({@link #isNonMediaPort}), payload type not in the RTCP conflict range 64..95
 *       (RFC 5761 §4), and two packets of one SSRC whose sequence number advances by 1 to {@link
 *       #MAX_PROBE_STEP}; the first of them is held provisional ({@link FlowState#replay}) and
 *       counted with the second. A flow that does not confirm within {@link #MAX_PROBES} provisional
 *       packets is not RTP; once confirmed, its packets (a new SSRC's too) are RTP. RTCP: a
 *       compound packet whose packets (types 200..207) fill it exactly. DTLS: records (content
 *       type 20..25, version 0xfeXX) that fill it exactly.
 * </ul>
 *
 * Registrations are kept in open-addressing tables keyed by the address bytes, so a packet of a
 * known flow is classified without allocating; a flow re-reads the registrations only when they
 * changed. Bounded: {@link #MAX_ENDPOINTS} endpoints, {@link #MAX_PAIRS} ICE pairs. Not
 * thread-safe.
 */
public final class MediaClassifier {
  /** Endpoints remembered from SDPs; later ones are not. */
  public static final int MAX_ENDPOINTS = 50_000;
  /** ICE pairs (5-tuple directions) remembered from STUN bindings. */
  public static final int MAX_PAIRS = 20_000;
  /** A heuristic flow confirms when the next packet of the SSRC is at most this many sequence numbers ahead. */
  public static final int MAX_PROBE_STEP = 16;
  /** Provisional packets a heuristic flow may hold before it is taken for something other than RTP. */
  public static final int MAX_PROBES = 16;
  /** SSRCs a heuristic flow holds a provisional packet for at once. */
  static final int PROBE_SLOTS = 8;
  /** A packet continues a flow's RTP stream on a T.38 endpoint when it is at most this far ahead. */
  static final int MAX_LATE_STEP = 100;

  /** Nothing negotiated the flow. */
  public static final byte NONE = 0;
  /** An SDP named one of the flow's endpoints for RTP. */
  public static final byte SDP_RTP = 1;
  /** An SDP named one of the flow's endpoints for T.38 over UDPTL. */
  public static final byte SDP_UDPTL = 2;
  /** A STUN binding ran on the flow's 5-tuple. */
  public static final byte ICE = 3;

  private static final byte PROBING = 1;
  private static final byte CONFIRMED = 2;
  private static final byte REJECTED = 3;

  /** Well-known UDP ports of protocols that are not media (IANA), and the AFS range 7000..7009. */
  private static final int[] NON_MEDIA_PORTS = {
      // DNS, DHCP, TFTP, Kerberos, portmapper, NTP, NetBIOS, SNMP, LDAP, QUIC/HTTPS, IKE, syslog, RIP,
      // RIPng, DHCPv6, IPMI, OpenVPN, RADIUS, L2TP, SSDP, HSRP, NFS, GTP, MGCP, WS-Discovery, BFD,
      // IKE NAT-T, VXLAN, SIP, mDNS, LLMNR, Geneve, Babel, VXLAN (Linux), Dropbox LAN sync
      53, 67, 68, 69, 88, 111, 123, 135, 137, 138, 139, 161, 162, 389, 443, 500, 514, 520, 521, 546, 547, 623,
      1194, 1645, 1646, 1701, 1812, 1813, 1900, 1985, 2049, 2123, 2152, 2427, 2727, 3702, 3784, 3785, 4500, 4784,
      4789, 5060, 5061, 5353, 5355, 6081, 6696, 8472, 17500};
  private static final long[] NON_MEDIA = new long[1024];

  static {
    for (int p : NON_MEDIA_PORTS) {
      NON_MEDIA[p >>> 6] |= 1L << p;
    }
    for (int p = 7000; p <= 7009; p++) {
      NON_MEDIA[p >>> 6] |= 1L << p;
    }
  }

  /**
   * What the classifier knows about one flow; kept by whoever keeps the flows (the scanner in its
   * flow table). Fields are read by the stream collector.
   */
  public static class FlowState {
    int generation = -1;
    byte negotiated;
    byte heuristic;
    byte tries;
    boolean udptlSeen;
    boolean hasRtp;
    long lastSsrc;
    int lastSeq;
    int lastPayloadType;
    /** Provisional first packets of a heuristic flow, one per SSRC (null until needed). */
    Probe[] probes;
    /**
     * Set by {@link #classify} when this packet confirmed a provisional packet before it ({@code
     * probe*}), which is RTP too and must be counted first. The consumer clears it.
     */
    public boolean replay;
    public int probeSeq;
    public long probeTimestamp;
    public long probeArrival;
    public long probeFrame;
    public int probePayloadType;
    public boolean probeMarker;

    /** How the flow is negotiated: {@link #NONE}, {@link #SDP_RTP}, {@link #SDP_UDPTL} or {@link #ICE}. */
    public byte negotiated() {
      return negotiated;
    }
  }

  /** A provisional packet: the first of its SSRC on a heuristic flow. */
  private static final class Probe {
    long ssrc;
    int seq;
    long timestamp;
    long arrival;
    long frame;
    int payloadType;
    boolean marker;
    boolean used;
  }

  private static final class Registration {
    byte kind;
    long order;
  }

  private final FlowTable<Registration> endpoints = new FlowTable<>(MAX_ENDPOINTS);
  private final FlowTable<Registration> pairs = new FlowTable<>(MAX_PAIRS);
  private final long[] k = new long[6];
  private int generation;
  private long order;

  /** Registers {@code ip:port} as an RTP (and RTCP) endpoint an SDP named. */
  public void rtpEndpoint(IpAddress ip, int port) {
    register(ip, port, SDP_RTP);
  }

  /** Registers {@code ip:port} as a T.38 (UDPTL) endpoint an SDP named. */
  public void udptlEndpoint(IpAddress ip, int port) {
    register(ip, port, SDP_UDPTL);
  }

  private void register(IpAddress ip, int port, byte kind) {
    if (port <= 0 || port > 65535) {
      return;
    }
    byte[] a = ip.unmapped().bytes();
    endpointKey(a, 0, a.length, port);
    Registration r = endpoints.get(k[0], k[1], k[2], k[3], k[4], k[5]);
    if (r == null) {
      r = new Registration();
      if (!endpoints.add(k[0], k[1], k[2], k[3], k[4], k[5], r)) {
        return;
      }
    }
    r.kind = kind;
    r.order = ++order;
    generation++;
  }

  /** Registers both directions of the 5-tuple a STUN binding was seen on as an ICE pair. */
  public void icePair(byte[] h, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
    boolean added = addPair(h, srcOff, dstOff, addrLen, srcPort, dstPort);
    added |= addPair(h, dstOff, srcOff, addrLen, dstPort, srcPort);
    if (added) {
      generation++;
    }
  }

  private boolean addPair(byte[] h, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
    flowKey(h, srcOff, dstOff, addrLen, srcPort, dstPort, k);
    if (pairs.get(k[0], k[1], k[2], k[3], k[4], k[5]) != null) {
      return false;
    }
    Registration r = new Registration();
    r.kind = ICE;
    r.order = ++order;
    return pairs.add(k[0], k[1], k[2], k[3], k[4], k[5], r);
  }

  /**
   * The key of one 5-tuple direction: addresses (IPv4 both in one word, IPv6 two words each),
   * ports and the address length; the same as the scanner's flow key.
   */
  public static void flowKey(byte[] h, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort, long[] out) {
    if (addrLen == 4) {
      out[0] = ByteInput.u32(h, srcOff, false) << 32 | ByteInput.u32(h, dstOff, false);
      out[1] = 0;
      out[2] = 0;
      out[3] = 0;
    } else {
      out[0] = FlowTable.u64(h, srcOff);
      out[1] = FlowTable.u64(h, srcOff + 8);
      out[2] = FlowTable.u64(h, dstOff);
      out[3] = FlowTable.u64(h, dstOff + 8);
    }
    out[4] = (long) srcPort << 16 | dstPort;
    out[5] = addrLen;
  }

  private void endpointKey(byte[] a, int off, int len, int port) {
    k[0] = len == 4 ? ByteInput.u32(a, off, false) : FlowTable.u64(a, off);
    k[1] = len == 4 ? 0 : FlowTable.u64(a, off + 8);
    k[2] = port;
    k[3] = len;
    k[4] = 0;
    k[5] = 0;
  }

  private Registration endpoint(byte[] h, int off, int len, int port) {
    endpointKey(h, off, len, port);
    return endpoints.get(k[0], k[1], k[2], k[3], k[4], k[5]);
  }

  /** Brings {@code f} up to date with the registrations when they changed since it last looked. */
  public void refresh(FlowState f, byte[] h, int srcOff, int dstOff, int addrLen, int srcPort, int dstPort) {
    if (f.generation == generation) {
      return;
    }
    f.generation = generation;
    byte now = NONE;
    flowKey(h, srcOff, dstOff, addrLen, srcPort, dstPort, k);
    if (pairs.get(k[0], k[1], k[2], k[3], k[4], k[5]) != null) {
      now = ICE;
    } else {
      Registration src = endpoint(h, srcOff, addrLen, srcPort);
      Registration dst = endpoint(h, dstOff, addrLen, dstPort);
      Registration newest = src == null ? dst : dst == null || src.order > dst.order ? src : dst;
      if (newest != null) {
        now = newest.kind;
      }
    }
    if (now != f.negotiated) {
      f.negotiated = now;
      f.udptlSeen = false;
    }
  }

  /**
   * The kind of one packet of flow {@code f} (brought up to date by {@link #refresh}) whose content
   * the first byte calls {@code content}: RTP, RTCP, DTLS, UDPTL, ZRTP, TURN_CHANNEL or OTHER.
   */
  public PayloadKind classify(FlowState f, PayloadKind content, byte[] b, int off, int len, int srcPort,
      int dstPort, long arrival, long frame) {
    byte n = f.negotiated;
    if (content == PayloadKind.RTP) { // the bulk of a capture: tested first, without a switch
      if (n == SDP_UDPTL) {
        return udptl(f, content, b, off, len);
      }
      if (!RtpHeaders.saneRtp(b, off, len)) {
        return PayloadKind.OTHER;
      }
      if (n == SDP_RTP || n == ICE) {
        remember(f, b, off);
        return PayloadKind.RTP;
      }
      return heuristicRtp(f, b, off, len, srcPort, dstPort, arrival, frame);
    }
    if (n == SDP_UDPTL) {
      return udptl(f, content, b, off, len);
    }
    boolean negotiated = n == SDP_RTP || n == ICE;
    if (content == PayloadKind.RTCP) {
      return negotiated || isMediaPortPair(srcPort, dstPort) && RtpHeaders.strictCompound(b, off, len)
          ? PayloadKind.RTCP : PayloadKind.OTHER;
    }
    if (content == PayloadKind.DTLS) {
      return negotiated || isMediaPortPair(srcPort, dstPort) && dtlsRecords(b, off, len)
          ? PayloadKind.DTLS : PayloadKind.OTHER;
    }
    return content;
  }

  private static PayloadKind udptl(FlowState f, PayloadKind content, byte[] b, int off, int len) {
    if (content == PayloadKind.RTP && f.hasRtp && RtpHeaders.saneRtp(b, off, len) && (continues(f, b, off)
        || !f.udptlSeen && RtpHeaders.payloadType(b, off) == f.lastPayloadType)) {
      remember(f, b, off);
      return PayloadKind.RTP;
    }
    f.udptlSeen = true;
    return PayloadKind.UDPTL;
  }

  private static boolean continues(FlowState f, byte[] b, int off) {
    if (!f.hasRtp || RtpHeaders.ssrc(b, off) != f.lastSsrc) {
      return false;
    }
    int step = (short) (RtpHeaders.sequence(b, off) - f.lastSeq);
    return step >= 1 && step <= MAX_LATE_STEP;
  }

  private static void remember(FlowState f, byte[] b, int off) {
    f.hasRtp = true;
    f.lastSsrc = RtpHeaders.ssrc(b, off);
    f.lastSeq = RtpHeaders.sequence(b, off);
    f.lastPayloadType = RtpHeaders.payloadType(b, off);
  }

  private static PayloadKind heuristicRtp(FlowState f, byte[] b, int off, int len, int srcPort, int dstPort,
      long arrival, long frame) {
    int pt = RtpHeaders.payloadType(b, off);
    if (f.heuristic == REJECTED || !isMediaPortPair(srcPort, dstPort) || pt >= 64 && pt <= 95) {
      return PayloadKind.OTHER;
    }
    long ssrc = RtpHeaders.ssrc(b, off);
    int seq = RtpHeaders.sequence(b, off);
    Probe p = f.probes == null ? null : probe(f, ssrc);
    boolean continues = p != null && (short) (seq - p.seq) >= 1 && (short) (seq - p.seq) <= MAX_PROBE_STEP;
    if (f.heuristic == CONFIRMED || continues) {
      if (f.heuristic != CONFIRMED) {
        f.heuristic = CONFIRMED;
        f.tries = 0;
      } else if (f.probes != null && ++f.tries > MAX_PROBES) {
        f.probes = null; // other SSRCs' provisional packets that never continued
      }
      if (continues) { // the SSRC's provisional packet was RTP: counted first
        f.replay = true;
        f.probeSeq = p.seq;
        f.probeTimestamp = p.timestamp;
        f.probeArrival = p.arrival;
        f.probeFrame = p.frame;
        f.probePayloadType = p.payloadType;
        f.probeMarker = p.marker;
        p.used = false;
      }
      remember(f, b, off);
      return PayloadKind.RTP;
    }
    if (++f.tries > MAX_PROBES) {
      f.heuristic = REJECTED;
      f.probes = null;
      return PayloadKind.OTHER;
    }
    f.heuristic = PROBING;
    if (p == null) {
      p = freeProbe(f);
    }
    p.used = true;
    p.ssrc = ssrc;
    p.seq = seq;
    p.timestamp = RtpHeaders.timestamp(b, off);
    p.arrival = arrival;
    p.frame = frame;
    p.payloadType = pt;
    p.marker = RtpHeaders.marker(b, off);
    return PayloadKind.OTHER;
  }

  private static Probe probe(FlowState f, long ssrc) {
    for (Probe p : f.probes) {
      if (p != null && p.used && p.ssrc == ssrc) {
        return p;
      }
    }
    return null;
  }

  /** A free probe slot, or the oldest one when all hold a packet. */
  private static Probe freeProbe(FlowState f) {
    if (f.probes == null) {
      f.probes = new Probe[PROBE_SLOTS];
    }
    Probe oldest = null;
    for (int i = 0; i < f.probes.length; i++) {
      Probe p = f.probes[i];
      if (p == null) {
        p = new Probe();
        f.probes[i] = p;
        return p;
      }
      if (!p.used) {
        return p;
      }
      if (oldest == null || p.frame < oldest.frame) {
        oldest = p;
      }
    }
    return oldest;
  }

  /** True when neither port is below 1024 nor a well-known port of a non-media protocol. */
  public static boolean isMediaPortPair(int srcPort, int dstPort) {
    return srcPort >= 1024 && dstPort >= 1024 && !isNonMediaPort(srcPort) && !isNonMediaPort(dstPort);
  }

  /**
   * True for a well-known UDP port of a protocol that is not media: DNS, DHCP, NTP, NetBIOS, SNMP,
   * IKE (500, 4500), RIP, RADIUS, L2TP, SSDP, mDNS, LLMNR, tunnels (VXLAN, Geneve, GTP), routing
   * helpers (BFD, HSRP, Babel), SIP, AFS (7000..7009) and others (see the source's list).
   */
  public static boolean isNonMediaPort(int port) {
    return (NON_MEDIA[port >>> 6] & 1L << port) != 0;
  }

  /**
   * True when DTLS records (RFC 6347 §4.1, RFC 9147 §4: content type 20..25, version 0xfe..,
   * 2-byte length after the 8-byte epoch and sequence number) fill the payload exactly.
   */
  static boolean dtlsRecords(byte[] b, int off, int len) {
    int pos = off;
    int end = off + len;
    while (pos < end) {
      if (end - pos < 13) {
        return false;
      }
      int type = b[pos] & 0xff;
      if (type < 20 || type > 25 || (b[pos + 1] & 0xff) != 0xfe) {
        return false;
      }
      pos += 13 + ByteInput.u16(b, pos + 11, false);
    }
    return pos == end;
  }

  /** The registrations' generation: changes whenever one is added or changed. */
  public int generation() {
    return generation;
  }
}
