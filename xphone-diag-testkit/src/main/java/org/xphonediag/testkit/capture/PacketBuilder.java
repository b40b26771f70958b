package org.xphonediag.testkit.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.xphonediag.core.net.IpAddress;

/**
 * Builds IP packets and link-layer frames for {@link CaptureWriter}: IPv4/IPv6 with UDP, TCP or SCTP,
 * IP in IP, IPv4 and IPv6 fragments, IPv6 extension headers, and the link layers the trace
 * module's {@code CaptureReader} understands. Checksums of IPv4 headers and SCTP's CRC32c are computed; UDP/TCP
 * checksums are left 0 (not checked by readers). Stateless.
 */
public final class PacketBuilder {
  /** TCP flag bits. */
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  private PacketBuilder() {}

  /** An IPv4 or IPv6 (by the addresses) UDP datagram. */
  public static byte[] udp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
        .put(payload);
    return ip(src, dst, 17, u.array(), false, 1);
  }

  /** An IPv6 UDP datagram with a hop-by-hop and a destination-options header before the UDP header. */
  public static byte[] udpWithExtensionHeaders(String src, int srcPort, String dst, int dstPort, byte[] payload) {
    ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
    u.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
        .put(payload);
    return ip(src, dst, 17, u.array(), true, 1);
  }

  /** A TCP segment with sequence number {@code seq}, flags (e.g. {@code PSH | ACK}) and payload. */
  public static byte[] tcp(String src, int srcPort, String dst, int dstPort, long seq, int flags, byte[] payload) {
    ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
    t.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((flags & ACK) != 0 ? 1 : 0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
        .put(payload);
    return ip(src, dst, 6, t.array(), false, 1);
  }

  /**
   * An SCTP packet (RFC 9260 §3) with verification tag {@code tag} and {@code chunks} (each padded to
   * a multiple of 4 bytes), its CRC32c checksum computed (Appendix A).
   */
  public static byte[] sctp(String src, int srcPort, String dst, int dstPort, long tag, List<byte[]> chunks) {
    int len = 12;
    for (byte[] c : chunks) {
      len += (c.length + 3) & ~3;
    }
    ByteBuffer b = ByteBuffer.allocate(len);
    b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) tag).putInt(0);
    for (byte[] c : chunks) {
      b.put(c).position((b.position() + 3) & ~3);
    }
    byte[] a = b.array();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(a, 0, a.length);
    ByteBuffer.wrap(a, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
    return ip(src, dst, 132, a, false, 1);
  }

  /**
   * An SCTP DATA chunk (RFC 9260 §3.3.1): TSN, stream identifier and sequence number, payload
   * protocol identifier, the B (first fragment) and E (last fragment) flags, and the user data.
   */
  public static byte[] sctpData(long tsn, int stream, int streamSeq, long ppid, boolean begin, boolean end,
      byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(16 + data.length);
    b.put((byte) 0).put((byte) ((begin ? 2 : 0) | (end ? 1 : 0))).putShort((short) (16 + data.length))
        .putInt((int) tsn).putShort((short) stream).putShort((short) streamSeq).putInt((int) ppid).put(data);
    return b.array();
  }

  /** {@code inner} (an IPv4 or IPv6 packet) inside an outer IPv4 or IPv6 header: IP protocol 4 or 41. */
  public static byte[] ipInIp(String outerSrc, String outerDst, byte[] inner) {
    return ip(outerSrc, outerDst, (inner[0] >> 4 & 0x0f) == 6 ? 41 : 4, inner, false, 1);
  }

  /**
   * Splits an IPv4 packet into fragments carrying at most {@code fragmentPayload} bytes each (rounded
   * down to a multiple of 8).
   */
  public static List<byte[]> fragmentIpv4(byte[] packet, int fragmentPayload) {
    int ihl = (packet[0] & 0x0f) * 4;
    int step = Math.max(8, fragmentPayload & ~7);
    List<byte[]> out = new ArrayList<>();
    int dataLen = packet.length - ihl;
    for (int off = 0; off < dataLen; off += step) {
      int n = Math.min(step, dataLen - off);
      byte[] f = new byte[ihl + n];
      System.arraycopy(packet, 0, f, 0, ihl);
      System.arraycopy(packet, ihl + off, f, ihl, n);
      int total = ihl + n;
      f[2] = (byte) (total >> 8);
      f[3] = (byte) total;
      int flagsOff = (off / 8) | (off + n < dataLen ? 0x2000 : 0);
      f[6] = (byte) (flagsOff >> 8);
      f[7] = (byte) flagsOff;
      f[10] = 0;
      f[11] = 0;
      int sum = checksum(f, ihl);
      f[10] = (byte) (sum >> 8);
      f[11] = (byte) sum;
      out.add(f);
    }
    return out;
  }

  /**
   * Splits an IPv6 packet into fragments (RFC 8200 §4.5) carrying at most {@code fragmentPayload}
   * bytes of the fragmentable part each (rounded down to a multiple of 8), with identification
   * {@code id}. A hop-by-hop header stays in every fragment (unfragmentable part); the Fragment
   * header follows it.
   */
  public static List<byte[]> fragmentIpv6(byte[] packet, int fragmentPayload, long id) {
    if ((packet[0] >> 4 & 0x0f) != 6) {
      throw new IllegalArgumentException("not an IPv6 packet: version " + (packet[0] >> 4 & 0x0f));
    }
    int unfrag = 40;
    int nextOff = 6;
    if (packet[6] == 0) {
      nextOff = 40;
      unfrag = 40 + ((packet[41] & 0xff) + 1) * 8;
    }
    int next = packet[nextOff] & 0xff;
    int step = Math.max(8, fragmentPayload & ~7);
    int dataLen = packet.length - unfrag;
    List<byte[]> out = new ArrayList<>();
    for (int off = 0; off < dataLen; off += step) {
      int n = Math.min(step, dataLen - off);
      ByteBuffer f = ByteBuffer.allocate(unfrag + 8 + n);
      f.put(packet, 0, unfrag);
      f.put((byte) next).put((byte) 0).putShort((short) (off | (off + n < dataLen ? 1 : 0))).putInt((int) id);
      f.put(packet, unfrag + off, n);
      byte[] a = f.array();
      a[nextOff] = 44;
      int payloadLen = a.length - 40;
      a[4] = (byte) (payloadLen >> 8);
      a[5] = (byte) payloadLen;
      out.add(a);
    }
    return out;
  }

  private static byte[] ip(String src, String dst, int proto, byte[] l4, boolean extensions, int id) {
    byte[] s = IpAddress.parse(src).bytes();
    byte[] d = IpAddress.parse(dst).bytes();
    if (s.length != d.length) {
      throw new IllegalArgumentException("source " + src + " and destination " + dst + " must be one IP version");
    }
    if (s.length == 4) {
      if (extensions) {
        throw new IllegalArgumentException("extension headers exist only in IPv6, not for " + src);
      }
      ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
      b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) id).putShort((short) 0)
          .put((byte) 64).put((byte) proto).putShort((short) 0).put(s).put(d).put(l4);
      byte[] a = b.array();
      int sum = checksum(a, 20);
      a[10] = (byte) (sum >> 8);
      a[11] = (byte) sum;
      return a;
    }
    int ext = extensions ? 16 : 0;
    ByteBuffer b = ByteBuffer.allocate(40 + ext + l4.length);
    b.putInt(0x60000000).putShort((short) (ext + l4.length)).put((byte) (extensions ? 0 : proto)).put((byte) 64)
        .put(s).put(d);
    if (extensions) {
      // hop-by-hop (8 bytes, PadN) -> destination options (8 bytes, PadN) -> proto
      b.put((byte) 60).put((byte) 0).put((byte) 1).put((byte) 4).putInt(0);
      b.put((byte) proto).put((byte) 0).put((byte) 1).put((byte) 4).putInt(0);
    }
    b.put(l4);
    return b.array();
  }

  private static int checksum(byte[] a, int len) {
    int sum = 0;
    for (int i = 0; i + 1 < len; i += 2) {
      sum += (a[i] & 0xff) << 8 | (a[i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
  }

  private static int etherType(byte[] ip) {
    return (ip[0] >> 4 & 0x0f) == 6 ? 0x86DD : 0x0800;
  }

  /** An Ethernet II frame around {@code ip}, with one 802.1Q tag per VLAN id given (outer first). */
  public static byte[] ethernet(byte[] ip, int... vlanIds) {
    ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanIds.length + ip.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1});
    for (int i = 0; i < vlanIds.length; i++) {
      b.putShort((short) (i == 0 && vlanIds.length > 1 ? 0x88A8 : 0x8100)).putShort((short) vlanIds[i]);
    }
    b.putShort((short) etherType(ip)).put(ip);
    return b.array();
  }

  /**
   * A NULL/LOOP frame: the 4-byte address family in {@code order} (Npcap's loopback adapter writes
   * little-endian 2 for IPv4, 23 or 24 for IPv6), then {@code ip}.
   */
  public static byte[] loopback(byte[] ip, ByteOrder order, int ipv6Family) {
    int family = etherType(ip) == 0x0800 ? 2 : ipv6Family;
    return ByteBuffer.allocate(4 + ip.length).order(order).putInt(family).put(ip).array();
  }

  /** A Linux cooked v1 (SLL) frame around {@code ip}. */
  public static byte[] linuxSll(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
    b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0})
        .putShort((short) etherType(ip)).put(ip);
    return b.array();
  }

  /** A Linux cooked v2 (SLL2) frame around {@code ip}. */
  public static byte[] linuxSll2(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
    b.putShort((short) etherType(ip)).putShort((short) 0).putInt(1).putShort((short) 1).put((byte) 0)
        .put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).put(ip);
    return b.array();
  }
}
