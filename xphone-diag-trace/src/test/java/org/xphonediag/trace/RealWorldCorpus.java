package org.xphonediag.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xphonediag.core.Report;

/**
 * The real-world captures under {@code src/test/resources/realworld/} (their provenance, licence and
 * expected verdicts are in the README there), and how to read one into a report while hearing every
 * frame's kind.
 */
final class RealWorldCorpus {
  private RealWorldCorpus() {}

  /**
   * One capture's expectations.
   *
   * @param file the file name
   * @param healthy true when nothing in it is broken: no FAIL finding may come out
   * @param verdict the findings expected, as {@code SEVERITY code}, in report order
   * @param disagreements frames where our packet class knowingly differs from tshark's, with the reason
   * @param streamDisagreements streams ({@code source destination ssrcHex}) whose packet count knowingly
   *     differs from tshark's, with the reason
   */
  record Case(String file, boolean healthy, List<String> verdict, Map<Long, String> disagreements,
      Map<String, String> streamDisagreements) {
    Case(String file, boolean healthy, List<String> verdict, Map<Long, String> disagreements) {
      this(file, healthy, verdict, disagreements, Map.of());
    }
  }

  static final String NO_SIP = "WARN trace.no-sip";
  static final String NO_LOOPBACK = "WARN trace.no-loopback-leg";

  /** Every capture of the corpus and what it must give. */
  static final List<Case> CASES = List.of(
      new Case("tcpdump-afs-1-200.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-dns_udp.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-nbns-valgrind.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-ikev2four.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-isakmp4500.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-ripv1v2.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-OSPFv2_Capture_FINAL.pcapng", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-ntp.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-syslog_udp.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("tcpdump-timestamp_invalid_micro.pcap", true, List.of("WARN trace.invalid-timestamp", NO_SIP),
          Map.of()),
      new Case("tcpdump-timestamp_invalid_nano.pcap", true, List.of("WARN trace.invalid-timestamp", NO_SIP),
          Map.of()),
      new Case("sngrep-aaa.pcap", false, List.of(NO_LOOPBACK, "FAIL sip.forbidden", "FAIL sip.forbidden"),
          Map.of()),
      new Case("sngrep-ipip.pcap", true, List.of(NO_LOOPBACK), Map.of()),
      new Case("zeek-tunnels-4in6.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("zeek-tunnels-6in4.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("zeek-tunnels-6in6in6.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("zeek-communityid-sctp.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("zeek-tls-webrtc-stun.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("vega-t38-fax.pcap", true, List.of(NO_LOOPBACK), Map.of(302L, "the audio stream's last packet (same"
          + " SSRC, next sequence number) sent after the re-INVITE offered T.38: tshark decodes everything on the port"
          + " as T.38 from the SDP's frame on (a malformed T.38 packet), we keep it in its RTP stream"),
          Map.of("192.168.3.15:10338 162.244.97.41:16834 0x647e21a6", "one packet more than tshark: frame 302")),
      new Case("vega-auth-401.pcap", true, List.of(NO_LOOPBACK), Map.of()),
      new Case("sipp-g711a.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("sipp-dtmf_2833_1.pcap", true, List.of(NO_SIP), Map.of()),
      new Case("heplify-ipip0.pcap", false, List.of(NO_LOOPBACK, "FAIL sip.forbidden"), Map.of()),
      new Case("pcapplusplus-sip_reqs.pcap", true, List.of(NO_LOOPBACK), Map.of()),
      new Case("pcapplusplus-sip_resp.pcap", true, List.of(), Map.of()));

  /** Copies the capture out of the test resources into {@code dir}. */
  static Path copy(String name, Path dir) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = RealWorldCorpus.class.getResourceAsStream("/realworld/" + name)) {
      if (in == null) {
        throw new IOException("no test resource /realworld/" + name);
      }
      Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }

  /** A report of {@code f} and, per frame, the kind the scanner counted it as. */
  record Reading(Report report, Map<Long, PayloadKind> kinds) {
    Set<Long> frames(PayloadKind kind) {
      Set<Long> out = new java.util.TreeSet<>();
      kinds.forEach((frame, k) -> {
        if (k == kind) {
          out.add(frame);
        }
      });
      return out;
    }
  }

  static Reading read(Path f) throws Exception {
    Map<Long, PayloadKind> kinds = new TreeMap<>();
    try (TraceScanner s = TraceScanner.open(f)) {
      s.onFrameKind((kind, frame) -> kinds.put(frame, kind));
      Report r = TraceAnalyzer.builder().build().report(s, f.getFileName().toString());
      return new Reading(r, kinds);
    }
  }

  /** The findings of {@code r} as {@code SEVERITY code}. */
  static List<String> verdict(Report r) {
    return r.findings().stream().map(x -> x.severity() + " " + x.code()).toList();
  }

  static Map<String, Case> byFile() {
    Map<String, Case> m = new LinkedHashMap<>();
    CASES.forEach(c -> m.put(c.file(), c));
    return m;
  }
}
