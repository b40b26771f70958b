package org.xphonediag.testkit.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a synthetic, RTP-heavy pcapng capture shaped like the one docs/field-guide.md#reading-a-trace asks for (Ethernet plus
 * Npcap loopback): calls with a loopback TCP leg (sipsorcery) and an XCC UDP leg, with a private host
 * and a public srflx candidate on each side, STUN binding requests and answers, RTP both ways filling
 * the rest up to the requested frame count, and a BYE. The healthy case of docs/field-guide.md#failure-patterns: analysing it
 * gives no media finding. Used by the benchmarks, the CLI's start-up warm-up and tests.
 */
public final class SyntheticCapture {
  /** LINKTYPE_ETHERNET and LINKTYPE_NULL (BSD loopback, Npcap), tcpdump.org link-layer header types. */
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int LINKTYPE_NULL = 0;
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final String SDP = sdp("IceLink", "cli00000", "192.168.1.10", "203.0.113.7", 50000);

  /** What {@link #write} wrote: frames in all, and SIP, STUN and RTP frames. */
  public record Counts(long frames, long sip, long stun, long rtp) {}

  private SyntheticCapture() {}

  /** An SDP with ice-ufrag, a private host and a public srflx candidate (docs/field-guide.md#reading-a-trace good case). */
  private static String sdp(String origin, String ufrag, String host, String srflx, int port) {
    return "v=0\r\no=" + origin + " 1 2 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\n"
        + "t=0 0\r\na=ice-ufrag:" + ufrag + "\r\na=ice-pwd:benchmarkPassword0123456\r\n"
        + "m=audio " + port + " UDP/TLS/RTP/SAVPF 0\r\n"
        + "a=candidate:1 1 udp 2130706431 " + host + " " + port + " typ host\r\n"
        + "a=candidate:2 1 udp 1694498815 " + srflx + " " + port + " typ srflx raddr " + host + " rport " + port
        + "\r\n";
  }

  /**
   * Writes a pcapng capture of {@code calls} calls and about {@code packets} frames to {@code out}
   * (which stays open).
   *
   * @throws IllegalArgumentException when {@code calls} is not positive or {@code packets} negative
   */
  public static Counts write(OutputStream out, long packets, int calls) throws IOException {
    Objects.requireNonNull(out, "out");
    if (calls <= 0 || packets < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "synthetic capture: calls must be > 0 and packets >= 0, got %d calls, %d packets", calls, packets));
    }
    long sip = 0;
    long stun = 0;
    long rtp = 0;
    long t = T0;
    long rtpPerCall = Math.max(0, (packets - calls * 28L) / calls);
    long seqUp = 1000;
    long seqDown = 9000;
    CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN);
    int eth = w.addInterface(LINKTYPE_ETHERNET, 6);
    int lo = w.addInterface(LINKTYPE_NULL, 6);
    for (int c = 0; c < calls; c++) {
      String leg1 = "leg1-" + c + "@127.0.0.1";
      String leg2 = "leg2-" + c + "@10.0.0.5";
      byte[][] up = {request("INVITE", leg1, "sipsorcery_v6.0.4", SDP), request("ACK", leg1, "sipsorcery_v6.0.4",
          "")};
      String xccSdp = sdp("FreeSWITCH", String.format(Locale.ROOT, "xcc%013d", c), "10.0.0.5", "198.51.100.20", 31000 + c);
      byte[][] down = {response(100, "Trying", leg1, ""), response(183, "Session Progress", leg1, xccSdp),
          response(200, "OK", leg1, xccSdp)};
      w.writePacket(lo, t += 1_000_000, tcpLo(4901, 4900, seqUp, up[0]));
      seqUp += up[0].length;
      w.writePacket(lo, t += 1_000_000, tcpLo(4900, 4901, seqDown, down[0]));
      seqDown += down[0].length;
      w.writePacket(eth, t += 1_000_000, udpEth("10.0.0.5", "10.0.0.9", request("INVITE", leg2,
          "XPhone Call Controller", "")));
      w.writePacket(lo, t += 1_000_000, tcpLo(4900, 4901, seqDown, down[1]));
      seqDown += down[1].length;
      w.writePacket(eth, t += 1_000_000, udpEth("10.0.0.9", "10.0.0.5", response(200, "OK", leg2, "")));
      w.writePacket(lo, t += 1_000_000, tcpLo(4900, 4901, seqDown, down[2]));
      seqDown += down[2].length;
      w.writePacket(lo, t += 1_000_000, tcpLo(4901, 4900, seqUp, up[1]));
      seqUp += up[1].length;
      w.writePacket(eth, t += 1_000_000, udpEth("10.0.0.5", "10.0.0.9", request("ACK", leg2, "XPhone Call Controller",
          "")));
      sip += 8;
      for (int s = 0; s < 8; s++) {
        w.writePacket(eth, t += 5_000_000, PacketBuilder.ethernet(PacketBuilder.udp("203.0.113.7", 50000,
            "10.0.0.5", 31000 + c, stunMessage(0x0001, c, s, String.format(Locale.ROOT, "xcc%013d:cli00000", c)))));
        w.writePacket(eth, t += 5_000_000, PacketBuilder.ethernet(PacketBuilder.udp("10.0.0.5", 31000 + c,
            "203.0.113.7", 50000, stunMessage(0x0101, c, s, null))));
        stun += 2;
      }
      byte[] payload = new byte[172];
      payload[0] = (byte) 0x80;
      for (long r = 0; r < rtpPerCall; r++) {
        boolean fromClient = (r & 1) == 0;
        int seq = (int) (r >> 1);
        payload[2] = (byte) (seq >> 8);
        payload[3] = (byte) seq;
        int ts = seq * 160; // PCMU, 20 ms per packet and direction at 8 kHz (RFC 3551)
        payload[4] = (byte) (ts >>> 24);
        payload[5] = (byte) (ts >>> 16);
        payload[6] = (byte) (ts >>> 8);
        payload[7] = (byte) ts;
        payload[11] = (byte) (fromClient ? 1 : 2);
        byte[] ip = fromClient ? PacketBuilder.udp("203.0.113.7", 50000, "10.0.0.5", 31000 + c, payload)
            : PacketBuilder.udp("10.0.0.5", 31000 + c, "203.0.113.7", 50000, payload);
        w.writePacket(eth, t += 10_000_000, PacketBuilder.ethernet(ip));
        rtp++;
      }
      byte[] bye = request("BYE", leg1, "sipsorcery_v6.0.4", "");
      w.writePacket(lo, t += 1_000_000, tcpLo(4901, 4900, seqUp, bye));
      seqUp += bye.length;
      byte[] byeOk = response(200, "OK", leg1, "", "2 BYE");
      w.writePacket(lo, t += 1_000_000, tcpLo(4900, 4901, seqDown, byeOk));
      seqDown += byeOk.length;
      w.writePacket(eth, t += 1_000_000, udpEth("10.0.0.5", "10.0.0.9", request("BYE", leg2, "XPhone Call Controller",
          "")));
      w.writePacket(eth, t += 1_000_000, udpEth("10.0.0.9", "10.0.0.5", response(200, "OK", leg2, "", "2 BYE")));
      sip += 4;
    }
    w.flush();
    return new Counts(sip + stun + rtp, sip, stun, rtp);
  }

  private static byte[] tcpLo(int from, int to, long seq, byte[] sip) {
    return PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", from, "127.0.0.1", to, seq,
        PacketBuilder.PSH | PacketBuilder.ACK, sip), ByteOrder.LITTLE_ENDIAN, 23);
  }

  private static byte[] udpEth(String src, String dst, byte[] sip) {
    return PacketBuilder.ethernet(PacketBuilder.udp(src, 5060, dst, 5060, sip));
  }

  /** A Binding request with USERNAME (padded to 4 bytes), or a success with XOR-MAPPED-ADDRESS 203.0.113.7:50000. */
  private static byte[] stunMessage(int type, int call, int n, String username) {
    byte[] user = username == null ? new byte[0] : username.getBytes(StandardCharsets.US_ASCII);
    int attrs = username == null ? 12 : 4 + ((user.length + 3) & ~3);
    ByteBuffer b = ByteBuffer.allocate(20 + attrs);
    b.putShort((short) type).putShort((short) attrs).putInt(0x2112A442).putInt(call).putInt(n).putInt(0x5eed);
    if (username != null) {
      b.putShort((short) 0x0006).putShort((short) user.length).put(user);
    } else {
      b.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 1)
          .putShort((short) (50000 ^ 0x2112)).putInt(0xCB007107 ^ 0x2112A442);
    }
    return b.array();
  }

  private static byte[] request(String method, String callId, String ua, String body) {
    return ("" + method + " sip:1000@127.0.0.1:4900;transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:4901;"
        + "branch=z9hG4bK" + callId.hashCode() + "\r\nFrom: <sip:srv@127.0.0.1>;tag=1\r\nTo: <sip:1000@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: " + (method.equals("BYE") ? 2 : 1) + " "
        + (method.equals("ACK") ? "ACK" : method) + "\r\nMax-Forwards: 70\r\nUser-Agent: " + ua + "\r\n"
        + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
        + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] response(int code, String reason, String callId, String body) {
    return response(code, reason, callId, body, "1 INVITE");
  }

  private static byte[] response(int code, String reason, String callId, String body, String cseq) {
    return ("SIP/2.0 " + code + " " + reason + "\r\nVia: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK"
        + callId.hashCode() + "\r\nFrom: <sip:srv@127.0.0.1>;tag=1\r\nTo: <sip:1000@127.0.0.1>;tag=2\r\nCall-ID: "
        + callId + "\r\nCSeq: " + cseq + "\r\nServer: XPhone Call Controller\r\n"
        + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
        + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }
}
