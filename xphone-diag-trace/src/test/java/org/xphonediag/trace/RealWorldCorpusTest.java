package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Every capture of the real-world corpus (public captures nobody here wrote; provenance, licence and
 * the expected verdict derived from tshark's decode are in the README beside them) gives its
 * expected verdict, and a healthy one no FAIL finding. {@link RealWorldTsharkIT} checks the packet
 * classes and stream figures against tshark.
 */
class RealWorldCorpusTest {
  @TempDir
  Path dir;

  static Stream<String> files() {
    return RealWorldCorpus.CASES.stream().map(RealWorldCorpus.Case::file);
  }

  private Report report(String name) throws Exception {
    return RealWorldCorpus.read(RealWorldCorpus.copy(name, dir)).report();
  }

  private static Map<String, Object> packets(Report r) {
    return ((Details) r.data().asMap().get("packets")).asMap();
  }

  @SuppressWarnings("unchecked")
  private static List<Details> list(Report r, String key) {
    return (List<Details>) r.data().asMap().get(key);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void givesItsExpectedVerdictAndNoFailWhenHealthy(String name) throws Exception {
    RealWorldCorpus.Case c = RealWorldCorpus.byFile().get(name);
    Report r = report(name);
    assertEquals(c.verdict(), RealWorldCorpus.verdict(r), name + ": " + r.findings());
    if (c.healthy()) {
      assertTrue(r.findings().stream().noneMatch(f -> f.severity() == Status.FAIL), name + ": " + r.findings());
      assertNotEquals(Status.FAIL, r.status());
    }
  }

  @Test
  void readmeAndTheCaseListNameEveryCaptureOfTheDirectory() throws Exception {
    Path root = Path.of("src/test/resources/realworld");
    Set<String> onDisk;
    try (Stream<Path> s = Files.list(root)) {
      onDisk = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(onDisk, new TreeSet<>(RealWorldCorpus.byFile().keySet()));
    String readme = Files.readString(root.resolve("README.md"));
    for (String name : onDisk) {
      assertTrue(readme.contains("`" + name + "`"), "README.md names " + name);
      assertTrue(Files.size(root.resolve(name)) < 200 * 1024, name + " is small");
    }
  }

  @Test
  void afsTrafficIsNeitherMediaNorAVerdict() throws Exception {
    Report r = report("tcpdump-afs-1-200.pcap");
    Map<String, Object> p = packets(r);
    assertEquals(List.of(0L, 0L, 0L), List.of(p.get("rtp"), p.get("rtcp"), p.get("dtls")), p.toString());
    assertEquals(List.of(), list(r, "streams"));
  }

  @Test
  void dnsNetbiosIkeNtpAndSyslogAreNotMedia() throws Exception {
    for (String name : List.of("tcpdump-dns_udp.pcap", "tcpdump-nbns-valgrind.pcap", "tcpdump-ikev2four.pcap",
        "tcpdump-isakmp4500.pcap", "tcpdump-ntp.pcap", "tcpdump-syslog_udp.pcap", "tcpdump-ripv1v2.pcap")) {
      Map<String, Object> p = packets(report(name));
      assertEquals(List.of(0L, 0L, 0L), List.of(p.get("rtp"), p.get("rtcp"), p.get("dtls")), name + " " + p);
    }
  }

  @Test
  void aaaCallsChallengedWith407EndWithThe403ToTheirRetry() throws Exception {
    Report r = report("sngrep-aaa.pcap");
    List<Finding> forbidden = r.findings().stream().filter(f -> f.code().equals("sip.forbidden")).toList();
    assertEquals(List.of(346L, 578L), forbidden.stream().map(f -> f.evidence().asMap().get("inviteFrame")).toList());
    assertEquals(List.of(348L, 581L), forbidden.stream().map(f -> f.evidence().asMap().get("responseFrame")).toList());
    assertTrue(forbidden.stream().allMatch(f -> f.remedy().contains("not the XCC")), forbidden.toString());
    Map<String, Object> p = packets(r);
    assertEquals(List.of(81L, 9L, 1L, 0L), List.of(p.get("sip"), p.get("rtp"), p.get("rtcp"), p.get("dtls")));
    // the call answered 408 and the one answered 480 end with those, not with their 100 or 183
    Map<Object, Object> finals = list(r, "legs").stream().filter(l -> l.asMap().containsKey("finalStatus"))
        .collect(Collectors.toMap(l -> l.asMap().get("callId"), l -> l.asMap().get("finalStatus")));
    assertEquals(408, finals.get("105090259-446faf7a@192.168.1.2"));
    assertEquals(480, finals.get("11894297-4432a9f8@192.168.1.2"));
  }

  @Test
  void faxCallCountsT38ApartFromTheAudio() throws Exception {
    Report r = report("vega-t38-fax.pcap");
    assertEquals(292L, packets(r).get("udptl"));
    Details audio = list(r, "streams").stream()
        .filter(d -> d.asMap().get("ssrcHex").equals("0xae937d39") && d.asMap().get("destination").toString()
            .endsWith(":10338")).findFirst().orElseThrow();
    assertEquals(145L, audio.asMap().get("packets"));
    assertEquals(1L, audio.asMap().get("lost"));
  }

  @Test
  void callChallengedWith401IsAnsweredAndItsStreamsTied() throws Exception {
    Report r = report("vega-auth-401.pcap");
    Details leg = list(r, "legs").stream().filter(l -> l.asMap().get("callId").toString().startsWith(
        "00F0-002C")).findFirst().orElseThrow();
    assertEquals(200, leg.asMap().get("finalStatus"));
    assertEquals(2, list(r, "streams").stream().filter(s -> Integer.valueOf(2).equals(s.asMap().get("call")))
        .count());
  }

  @Test
  void tunnelsSctpPppoeAndBadTimeStampsAreReadAndSaidSo() throws Exception {
    assertEquals(2L, packets(report("sngrep-ipip.pcap")).get("ipInIp"));
    assertEquals(4L, packets(report("sngrep-ipip.pcap")).get("sip"));
    assertEquals(1L, packets(report("zeek-tunnels-6in6in6.pcap")).get("ipInIp"));
    assertEquals(74L, packets(report("zeek-communityid-sctp.pcap")).get("sctp"));
    assertEquals(4L, packets(report("pcapplusplus-sip_reqs.pcap")).get("sip"), "two of them in PPPoE");
    Report micro = report("tcpdump-timestamp_invalid_micro.pcap");
    assertEquals(2L, packets(micro).get("invalidTimestamps"));
    assertEquals(List.of(2L, 3L), micro.findings().get(0).evidence().asMap().get("frames"));
  }

  @Test
  void webRtcBindingsAndDtlsAreClassified() throws Exception {
    Map<String, Object> p = packets(report("zeek-tls-webrtc-stun.pcap"));
    assertEquals(List.of(10L, 4L, 0L), List.of(p.get("stun"), p.get("dtls"), p.get("other")));
  }
}
