package org.xphonediag.sip.internal;

import java.security.SecureRandom;
import java.util.Locale;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.IpAddress;

/**
 * Writes the SDP offer a probe INVITE carries when the user gives none: one audio section with a
 * host and a srflx candidate (docs/field-guide.md#reading-a-trace's good case), random ICE credentials that are never logged.
 */
public final class OfferGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ICE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private OfferGenerator() {}

  /** An offer with {@code host} as host candidate and {@code srflx} (raddr = host) as srflx candidate. */
  public static String offer(HostAndPort host, HostAndPort srflx) {
    IpAddress h = host.ipAddress().orElseThrow();
    IpAddress s = srflx.ipAddress().orElseThrow();
    String ipv = h.isIpv4() ? "IP4" : "IP6";
    long session = Math.abs(RANDOM.nextLong() % 1_000_000_000_000L);
    StringBuilder sb = new StringBuilder(600);
    line(sb, "v=0");
    line(sb, String.format(Locale.ROOT, "o=xphone-diag %d 1 IN %s %s", session, ipv, h));
    line(sb, "s=xphone-diag probe");
    line(sb, "c=IN " + (s.isIpv4() ? "IP4" : "IP6") + " " + s);
    line(sb, "t=0 0");
    line(sb, "m=audio " + srflx.port() + " UDP/TLS/RTP/SAVPF 0 8 101");
    line(sb, "a=rtpmap:0 PCMU/8000");
    line(sb, "a=rtpmap:8 PCMA/8000");
    line(sb, "a=rtpmap:101 telephone-event/8000");
    line(sb, "a=ice-ufrag:" + random(8));
    line(sb, "a=ice-pwd:" + random(24));
    line(sb, "a=setup:actpass");
    line(sb, "a=rtcp-mux");
    line(sb, String.format(Locale.ROOT, "a=candidate:1 1 UDP 2130706431 %s %d typ host generation 0", h, host.port()));
    line(sb, String.format(Locale.ROOT, "a=candidate:2 1 UDP 1694498815 %s %d typ srflx raddr %s rport %d generation 0",
        s, srflx.port(), h, host.port()));
    line(sb, "a=end-of-candidates");
    line(sb, "a=sendrecv");
    return sb.toString();
  }

  private static void line(StringBuilder sb, String l) {
    sb.append(l).append("\r\n");
  }

  private static String random(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ICE[RANDOM.nextInt(ICE.length)];
    }
    return new String(c);
  }
}
