package org.xphonediag.trace.internal;

import java.util.Arrays;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.Transport;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.LinkType;
import org.xphonediag.trace.Packet;

/**
 * Decodes frames down to UDP, TCP and SCTP: Ethernet (802.1Q/802.1ad tags, PPPoE sessions carrying
 * IPv4 or IPv6, RFC 2516), NULL/LOOP (family in either byte order), RAW, Linux cooked v1/v2; IPv4
 * (options, fragments reassembled) and IPv6
 * (extension headers, fragments reassembled); IP in IP (IPv4 or IPv6 inside IPv4 or IPv6, IP
 * protocols 4 and 41, RFC 2003 and RFC 4213, up to {@link #MAX_TUNNELS} deep), whose inner packet
 * is what the frame carries. Not thread-safe (fragment state).
 */
public final class LinkDecoder {
  private static final int MAX_TAGS = 4;
  private static final int PPPOE_SESSION = 0x8864;
  /** IP-in-IP headers unwrapped per frame; a deeper nesting is not decoded (counted as not IP). */
  public static final int MAX_TUNNELS = 4;
  private static final int IPIP = 4;
  private static final int IPV6_IN_IP = 41;
  private static final int SCTP = 132;
  private final FragmentReassembler fragments = new FragmentReassembler();
  private long notIp;
  private long malformed;
  private long fragmentsSeen;
  private long reassembled;
  private long tunnelled;
  private long sctpPackets;
  private int depth;

  /** The mutable result of {@link #scan}: where addresses, ports and payload lie. */
  public static final class Layout {
    /** The frame, possibly read in place (see {@link RawFrame}). */
    public RawFrame frame;
    public boolean tcp;
    /** An SCTP packet: the payload is its chunks (after the 12-byte common header, RFC 9260 §3). */
    public boolean sctp;
    /** The packet came out of an IP-in-IP tunnel (the addresses are the inner header's). */
    public boolean tunnelled;
    /** Bytes holding the addresses (the frame's). */
    public byte[] header;
    public int srcOff;
    public int dstOff;
    public int addrLen;
    public int srcPort;
    public int dstPort;
    /** Bytes holding the payload (the frame's, or a reassembled datagram). */
    public byte[] buf;
    public int payloadOff;
    public int payloadLen;
    public long seq;
    public int flags;
    public boolean reassembled;
  }

  private final Layout layout = new Layout();
  private final RawFrame own = new RawFrame();

  /** The UDP/TCP packet in {@code frame}, or null when there is none (counted by reason). */
  public Packet decode(CapturedFrame frame) {
    return scan(frame) ? packet() : null;
  }

  /** The layout filled by the last successful {@link #scan}; reused, valid until the next call. */
  public Layout layout() {
    return layout;
  }

  /**
   * The last successful {@link #scan}'s result as a packet; a frame read in place is copied out of
   * the reader's buffer first (the packet owns what it points at).
   */
  public Packet packet() {
    Layout l = layout;
    RawFrame r = l.frame;
    CapturedFrame frame = r.frame();
    byte[] buf = l.buf;
    int payloadOff = l.payloadOff;
    if (buf == r.buf && buf != frame.data()) {
      buf = frame.data();
      payloadOff -= r.off;
    }
    return new Packet(frame, l.tcp ? Transport.TCP : l.sctp ? Transport.SCTP : Transport.UDP,
        IpAddress.ofBytes(l.header, l.srcOff, l.addrLen), l.srcPort,
        IpAddress.ofBytes(l.header, l.dstOff, l.addrLen), l.dstPort, buf,
        payloadOff, l.payloadLen, l.seq, l.flags, l.reassembled);
  }

  /** Finds the UDP/TCP packet in {@code frame} without allocating; false when there is none. */
  public boolean scan(CapturedFrame frame) {
    own.set(frame);
    return scan(own);
  }

  /**
   * Finds the UDP/TCP packet in {@code frame} without allocating or copying; false when there is
   * none. The layout then points into the frame's buffer: valid until that buffer is reused.
   */
  public boolean scan(RawFrame frame) {
    depth = 0;
    layout.tunnelled = false;
    byte[] d = frame.buf;
    int base = frame.off;
    int end = base + frame.len;
    int ipOff;
    switch (frame.linkType) {
      case LinkType.ETHERNET -> {
        if (end < base + 14) {
          malformed++;
          return false;
        }
        int type = ByteInput.u16(d, base + 12, false);
        int p = base + 14;
        for (int i = 0; i < MAX_TAGS && (type == 0x8100 || type == 0x88A8 || type == 0x9100); i++) {
          if (end < p + 4) {
            malformed++;
            return false;
          }
          type = ByteInput.u16(d, p + 2, false);
          p += 4;
        }
        if (type == PPPOE_SESSION) {
          // RFC 2516 §4: 6-byte PPPoE header, then the PPP protocol (RFC 1661): 0x0021 IPv4, 0x0057 IPv6
          if (end < p + 8) {
            malformed++;
            return false;
          }
          int ppp = ByteInput.u16(d, p + 6, false);
          type = ppp == 0x0021 ? 0x0800 : ppp == 0x0057 ? 0x86DD : -1;
          p += 8;
        }
        if (type != 0x0800 && type != 0x86DD) {
          notIp++;
          return false;
        }
        ipOff = p;
      }
      case LinkType.NULL, LinkType.LOOP -> {
        if (end < base + 4) {
          malformed++;
          return false;
        }
        long be = ByteInput.u32(d, base, false);
        long le = ByteInput.u32(d, base, true);
        if (!isIpFamily(be) && !isIpFamily(le)) {
          notIp++;
          return false;
        }
        ipOff = base + 4;
      }
      case LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 12, 14 -> ipOff = base;
      case LinkType.LINUX_SLL -> {
        if (end < base + 16) {
          malformed++;
          return false;
        }
        int proto = ByteInput.u16(d, base + 14, false);
        if (proto != 0x0800 && proto != 0x86DD) {
          notIp++;
          return false;
        }
        ipOff = base + 16;
      }
      case LinkType.LINUX_SLL2 -> {
        if (end < base + 20) {
          malformed++;
          return false;
        }
        int proto = ByteInput.u16(d, base, false);
        if (proto != 0x0800 && proto != 0x86DD) {
          notIp++;
          return false;
        }
        ipOff = base + 20;
      }
      default -> {
        notIp++;
        return false;
      }
    }
    boolean found = ip(frame, d, ipOff, end);
    if (found && layout.tunnelled) {
      tunnelled++;
    }
    return found;
  }

  private static boolean isIpFamily(long f) {
    return f == 2 || f == 10 || f == 23 || f == 24 || f == 28 || f == 30;
  }

  private boolean ip(RawFrame frame, byte[] d, int off, int limit) {
    if (limit <= off) {
      malformed++;
      return false;
    }
    int version = (d[off] >> 4) & 0x0f;
    if (version == 4) {
      return ipv4(frame, d, off, limit);
    }
    if (version == 6) {
      return ipv6(frame, d, off, limit);
    }
    notIp++;
    return false;
  }

  private boolean ipv4(RawFrame frame, byte[] d, int off, int limit) {
    if (limit < off + 20) {
      malformed++;
      return false;
    }
    int ihl = (d[off] & 0x0f) * 4;
    int total = ByteInput.u16(d, off + 2, false);
    if (ihl < 20 || total < ihl || limit < off + ihl) {
      malformed++;
      return false;
    }
    int end = Math.min(limit, off + total);
    int proto = d[off + 9] & 0xff;
    int flagsOff = ByteInput.u16(d, off + 6, false);
    boolean more = (flagsOff & 0x2000) != 0;
    int fragOffset = (flagsOff & 0x1fff) * 8;
    if (more || fragOffset != 0) {
      fragmentsSeen++;
      if (end < off + total) {
        malformed++;
        return false;
      }
      FragmentReassembler.Datagram whole = fragments.add(Arrays.copyOfRange(d, off + 12, off + 16),
          Arrays.copyOfRange(d, off + 16, off + 20), ByteInput.u16(d, off + 4, false), proto, proto, fragOffset, more,
          d, off + ihl, end - off - ihl, frame.epochNanos);
      if (whole == null) {
        return false;
      }
      reassembled++;
      return transport(frame, proto, d, off + 12, off + 16, 4, whole.data(), 0, whole.data().length, true);
    }
    return transport(frame, proto, d, off + 12, off + 16, 4, d, off + ihl, end, false);
  }

  private boolean ipv6(RawFrame frame, byte[] d, int off, int limit) {
    if (limit < off + 40) {
      malformed++;
      return false;
    }
    int payloadLen = ByteInput.u16(d, off + 4, false);
    int end = Math.min(limit, off + 40 + payloadLen);
    return ipv6Headers(frame, d, off, d, off + 40, end, d[off + 6] & 0xff, false);
  }

  /**
   * Walks the extension headers of an IPv6 packet (RFC 8200 §4) in {@code b} from {@code p} to the
   * UDP or TCP header; a Fragment header hands the rest to the reassembler, whose result is walked
   * again (headers after the Fragment header belong to the fragmentable part).
   */
  private boolean ipv6Headers(RawFrame frame, byte[] header, int off, byte[] b, int p, int end, int next,
      boolean whole) {
    for (int i = 0; i < 16; i++) {
      if (next == 0 || next == 43 || next == 60 || next == 51 || next == 135 || next == 139 || next == 140) {
        if (end < p + 2) {
          malformed++;
          return false;
        }
        int len = next == 51 ? ((b[p + 1] & 0xff) + 2) * 4 : ((b[p + 1] & 0xff) + 1) * 8;
        next = b[p] & 0xff;
        p += len;
      } else if (next == 44) {
        if (end < p + 8 || whole) {
          malformed++;
          return false;
        }
        fragmentsSeen++;
        int offMore = ByteInput.u16(b, p + 2, false);
        FragmentReassembler.Datagram dg = fragments.add(Arrays.copyOfRange(header, off + 8, off + 24),
            Arrays.copyOfRange(header, off + 24, off + 40), ByteInput.u32(b, p + 4, false),
            FragmentReassembler.FROM_FIRST_FRAGMENT, b[p] & 0xff, offMore & 0xfff8, (offMore & 1) != 0, b, p + 8,
            end - p - 8, frame.epochNanos);
        if (dg == null) {
          return false;
        }
        reassembled++;
        return ipv6Headers(frame, header, off, dg.data(), 0, dg.data().length, dg.protocol(), true);
      } else {
        break;
      }
    }
    if (p > end) {
      malformed++;
      return false;
    }
    return transport(frame, next, header, off + 8, off + 24, 16, b, p, end, whole);
  }

  private boolean transport(RawFrame frame, int proto, byte[] header, int srcOff, int dstOff, int addrLen,
      byte[] d, int off, int end, boolean whole) {
    Layout l = layout;
    if (proto == IPIP || proto == IPV6_IN_IP) {
      return tunnel(frame, proto, d, off, end);
    }
    l.sctp = false;
    if (proto == 17) {
      if (end - off < 8) {
        malformed++;
        return false;
      }
      int udpLen = ByteInput.u16(d, off + 4, false);
      int payloadEnd = udpLen >= 8 ? Math.min(end, off + udpLen) : end;
      l.tcp = false;
      l.payloadOff = off + 8;
      l.payloadLen = payloadEnd - off - 8;
      l.seq = 0;
      l.flags = 0;
    } else if (proto == 6) {
      if (end - off < 20) {
        malformed++;
        return false;
      }
      int hlen = ((d[off + 12] >> 4) & 0x0f) * 4;
      if (hlen < 20 || off + hlen > end) {
        malformed++;
        return false;
      }
      l.tcp = true;
      l.payloadOff = off + hlen;
      l.payloadLen = end - off - hlen;
      l.seq = ByteInput.u32(d, off + 4, false);
      l.flags = d[off + 13] & 0xff;
    } else if (proto == SCTP) {
      if (end - off < 12) {
        malformed++;
        return false;
      }
      l.tcp = false;
      l.sctp = true;
      l.payloadOff = off + 12;
      l.payloadLen = end - off - 12;
      l.seq = 0;
      l.flags = 0;
      sctpPackets++;
    } else {
      notIp++;
      return false;
    }
    l.frame = frame;
    l.header = header;
    l.srcOff = srcOff;
    l.dstOff = dstOff;
    l.addrLen = addrLen;
    l.srcPort = ByteInput.u16(d, off, false);
    l.dstPort = ByteInput.u16(d, off + 2, false);
    if (l.srcPort == 0 || l.dstPort == 0) {
      // port 0 names no endpoint (RFC 768: an unused UDP source port; reserved for TCP): not SIP, STUN or media
      malformed++;
      return false;
    }
    l.buf = d;
    l.reassembled = whole;
    return true;
  }

  /**
   * The inner packet of IP in IP: protocol 4 carries IPv4, 41 IPv6 (either inside IPv4 or IPv6); its
   * header is decoded like an outer one (fragments, extension headers, nested tunnels up to {@link
   * #MAX_TUNNELS}).
   */
  private boolean tunnel(RawFrame frame, int proto, byte[] d, int off, int end) {
    if (++depth > MAX_TUNNELS) {
      notIp++;
      return false;
    }
    if (end <= off) {
      malformed++;
      return false;
    }
    int version = (d[off] >> 4) & 0x0f;
    if (version != (proto == IPIP ? 4 : 6)) {
      malformed++;
      return false;
    }
    layout.tunnelled = true;
    return version == 4 ? ipv4(frame, d, off, end) : ipv6(frame, d, off, end);
  }

  /** Frames whose packet came out of an IP-in-IP tunnel. */
  public long tunnelled() {
    return tunnelled;
  }

  /** SCTP packets seen. */
  public long sctpPackets() {
    return sctpPackets;
  }

  /** Frames that carried no IP, or IP with neither UDP, TCP nor SCTP. */
  public long notIp() {
    return notIp;
  }

  /** Frames too short for the headers they announce, or with port 0. */
  public long malformed() {
    return malformed;
  }

  /** IP fragments seen. */
  public long fragmentsSeen() {
    return fragmentsSeen;
  }

  /** Datagrams reassembled from fragments. */
  public long reassembled() {
    return reassembled;
  }

  /** Datagrams whose fragments never all arrived (still waiting, timed out, or dropped at a bound). */
  public long fragmentsIncomplete() {
    return fragments.incomplete();
  }

  /** Datagrams abandoned because their fragments overlapped (RFC 5722). */
  public long fragmentsOverlapping() {
    return fragments.overlapping();
  }
}
