package org.xphonediag.trace.internal;

import java.util.Arrays;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.trace.CapturedFrame;
import org.xphonediag.trace.LinkType;
import org.xphonediag.trace.Packet;
import org.xphonediag.trace.Transport;

/**
 * Decodes frames down to UDP and TCP: Ethernet (802.1Q/802.1ad tags), NULL/LOOP (family in
 * either byte order), RAW, Linux cooked v1/v2; IPv4 (options, fragments reassembled) and IPv6
 * (extension headers, fragments reassembled). Not thread-safe (fragment state).
 */
public final class LinkDecoder {
  private static final int MAX_TAGS = 4;
  private final FragmentReassembler fragments = new FragmentReassembler();
  private long notIp;
  private long malformed;
  private long fragmentsSeen;
  private long reassembled;

  /** The UDP/TCP packet in {@code frame}, or null when there is none (counted by reason). */
  public Packet decode(CapturedFrame frame) {
    byte[] d = frame.data();
    int ipOff;
    switch (frame.linkType()) {
      case LinkType.ETHERNET -> {
        if (d.length < 14) {
          malformed++;
          return null;
        }
        int type = ByteInput.u16(d, 12, false);
        int p = 14;
        for (int i = 0; i < MAX_TAGS && (type == 0x8100 || type == 0x88A8 || type == 0x9100); i++) {
          if (d.length < p + 4) {
            malformed++;
            return null;
          }
          type = ByteInput.u16(d, p + 2, false);
          p += 4;
        }
        if (type != 0x0800 && type != 0x86DD) {
          notIp++;
          return null;
        }
        ipOff = p;
      }
      case LinkType.NULL, LinkType.LOOP -> {
        if (d.length < 4) {
          malformed++;
          return null;
        }
        long be = ByteInput.u32(d, 0, false);
        long le = ByteInput.u32(d, 0, true);
        if (!isIpFamily(be) && !isIpFamily(le)) {
          notIp++;
          return null;
        }
        ipOff = 4;
      }
      case LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 12, 14 -> ipOff = 0;
      case LinkType.LINUX_SLL -> {
        if (d.length < 16) {
          malformed++;
          return null;
        }
        int proto = ByteInput.u16(d, 14, false);
        if (proto != 0x0800 && proto != 0x86DD) {
          notIp++;
          return null;
        }
        ipOff = 16;
      }
      case LinkType.LINUX_SLL2 -> {
        if (d.length < 20) {
          malformed++;
          return null;
        }
        int proto = ByteInput.u16(d, 0, false);
        if (proto != 0x0800 && proto != 0x86DD) {
          notIp++;
          return null;
        }
        ipOff = 20;
      }
      default -> {
        notIp++;
        return null;
      }
    }
    return ip(frame, d, ipOff);
  }

  private static boolean isIpFamily(long f) {
    return f == 2 || f == 10 || f == 23 || f == 24 || f == 28 || f == 30;
  }

  private Packet ip(CapturedFrame frame, byte[] d, int off) {
    if (d.length <= off) {
      malformed++;
      return null;
    }
    int version = (d[off] >> 4) & 0x0f;
    if (version == 4) {
      return ipv4(frame, d, off);
    }
    if (version == 6) {
      return ipv6(frame, d, off);
    }
    notIp++;
    return null;
  }

  private Packet ipv4(CapturedFrame frame, byte[] d, int off) {
    if (d.length < off + 20) {
      malformed++;
      return null;
    }
    int ihl = (d[off] & 0x0f) * 4;
    int total = ByteInput.u16(d, off + 2, false);
    if (ihl < 20 || total < ihl || d.length < off + ihl) {
      malformed++;
      return null;
    }
    int end = Math.min(d.length, off + total);
    int proto = d[off + 9] & 0xff;
    byte[] src = Arrays.copyOfRange(d, off + 12, off + 16);
    byte[] dst = Arrays.copyOfRange(d, off + 16, off + 20);
    int flagsOff = ByteInput.u16(d, off + 6, false);
    boolean more = (flagsOff & 0x2000) != 0;
    int fragOffset = (flagsOff & 0x1fff) * 8;
    if (more || fragOffset != 0) {
      fragmentsSeen++;
      if (end < off + total) {
        malformed++;
        return null;
      }
      byte[] whole = fragments.add(src, dst, ByteInput.u16(d, off + 4, false), proto, fragOffset, more, d,
          off + ihl, end - off - ihl);
      if (whole == null) {
        return null;
      }
      reassembled++;
      return transport(frame, proto, src, dst, whole, 0, whole.length, true);
    }
    return transport(frame, proto, src, dst, d, off + ihl, end, false);
  }

  private Packet ipv6(CapturedFrame frame, byte[] d, int off) {
    if (d.length < off + 40) {
      malformed++;
      return null;
    }
    int payloadLen = ByteInput.u16(d, off + 4, false);
    int next = d[off + 6] & 0xff;
    byte[] src = Arrays.copyOfRange(d, off + 8, off + 24);
    byte[] dst = Arrays.copyOfRange(d, off + 24, off + 40);
    int end = Math.min(d.length, off + 40 + payloadLen);
    int p = off + 40;
    for (int i = 0; i < 16; i++) {
      if (next == 0 || next == 43 || next == 60 || next == 51 || next == 135 || next == 139 || next == 140) {
        if (end < p + 2) {
          malformed++;
          return null;
        }
        int len = next == 51 ? ((d[p + 1] & 0xff) + 2) * 4 : ((d[p + 1] & 0xff) + 1) * 8;
        next = d[p] & 0xff;
        p += len;
      } else if (next == 44) {
        if (end < p + 8) {
          malformed++;
          return null;
        }
        fragmentsSeen++;
        int proto = d[p] & 0xff;
        int offMore = ByteInput.u16(d, p + 2, false);
        long id = ByteInput.u32(d, p + 4, false);
        int dataStart = p + 8;
        byte[] whole = fragments.add(src, dst, id, proto, offMore & 0xfff8, (offMore & 1) != 0, d, dataStart,
            end - dataStart);
        if (whole == null) {
          return null;
        }
        reassembled++;
        return transport(frame, proto, src, dst, whole, 0, whole.length, true);
      } else {
        break;
      }
    }
    if (p > end) {
      malformed++;
      return null;
    }
    return transport(frame, next, src, dst, d, p, end, false);
  }

  private Packet transport(CapturedFrame frame, int proto, byte[] src, byte[] dst, byte[] d, int off, int end,
      boolean whole) {
    if (proto == 17) {
      if (end - off < 8) {
        malformed++;
        return null;
      }
      int udpLen = ByteInput.u16(d, off + 4, false);
      int payloadEnd = udpLen >= 8 ? Math.min(end, off + udpLen) : end;
      return new Packet(frame, Transport.UDP, IpAddress.ofBytes(src), ByteInput.u16(d, off, false),
          IpAddress.ofBytes(dst), ByteInput.u16(d, off + 2, false), d, off + 8, payloadEnd - off - 8, 0, 0, whole);
    }
    if (proto == 6) {
      if (end - off < 20) {
        malformed++;
        return null;
      }
      int hlen = ((d[off + 12] >> 4) & 0x0f) * 4;
      if (hlen < 20 || off + hlen > end) {
        malformed++;
        return null;
      }
      return new Packet(frame, Transport.TCP, IpAddress.ofBytes(src), ByteInput.u16(d, off, false),
          IpAddress.ofBytes(dst), ByteInput.u16(d, off + 2, false), d, off + hlen, end - off - hlen,
          ByteInput.u32(d, off + 4, false), d[off + 13] & 0xff, whole);
    }
    notIp++;
    return null;
  }

  /** Frames that carried no IP, or IP with neither UDP nor TCP. */
  public long notIp() {
    return notIp;
  }

  /** Frames too short for the headers they announce. */
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

  /** Datagrams whose fragments never all arrived (still pending or dropped). */
  public long fragmentsIncomplete() {
    return fragments.pending() + fragments.dropped();
  }
}
