package org.xphonediag.trace;

import java.nio.charset.StandardCharsets;

/** SIP message texts for tests. */
final class Sip {
  static final String SDP = "v=0\r\no=IceLink 1 2 IN IP4 192.168.1.10\r\ns=-\r\nc=IN IP4 192.168.1.10\r\nt=0 0\r\n"
      + "m=audio 50000 UDP/TLS/RTP/SAVPF 0\r\na=candidate:1 1 udp 2130706431 192.168.1.10 50000 typ host\r\n"
      + "a=candidate:2 1 udp 1694498815 192.0.2.10 50001 typ srflx raddr 192.168.1.10 rport 50000\r\n";

  private Sip() {}

  static byte[] invite(String callId, String ua, String body) {
    String b = body == null ? "" : body;
    return ("INVITE sip:1000@127.0.0.1:4900;transport=tcp SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK-" + callId + "\r\n"
        + "From: <sip:server@127.0.0.1>;tag=a1\r\nTo: <sip:1000@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        + "Contact: <sip:server@127.0.0.1:4901;transport=tcp>\r\n"
        + (ua == null ? "" : "User-Agent: " + ua + "\r\n")
        + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] response(String callId, int code, String reason, String method, String body) {
    String b = body == null ? "" : body;
    return ("SIP/2.0 " + code + " " + reason + "\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:4901;branch=z9hG4bK-" + callId + "\r\n"
        + "From: <sip:server@127.0.0.1>;tag=a1\r\nTo: <sip:1000@127.0.0.1>;tag=b2\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nServer: XPhone Call Controller\r\n"
        + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] stunBindingRequest(int seed) {
    byte[] b = new byte[20];
    b[0] = 0;
    b[1] = 1;
    b[4] = 0x21;
    b[5] = 0x12;
    b[6] = (byte) 0xA4;
    b[7] = 0x42;
    for (int i = 8; i < 20; i++) {
      b[i] = (byte) (seed + i);
    }
    return b;
  }

  static byte[] rtp(int seq) {
    byte[] b = new byte[172];
    b[0] = (byte) 0x80;
    b[1] = 0;
    b[2] = (byte) (seq >> 8);
    b[3] = (byte) seq;
    return b;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
