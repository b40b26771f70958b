package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.Finding;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * The real-world ACL corpus ({@code realworld/acl/}; provenance, licences and the derivation of
 * each expectation from FreeSWITCH's loading and matching code in its README): every file loads
 * as FreeSWITCH loads it, its lint has no FAIL, and the chosen addresses get the decisions
 * FreeSWITCH gives them.
 */
class RealWorldAclCorpusTest {
  private static final List<Cidr> LAN = List.of(Cidr.parse("192.168.1.0/24"));

  private static Path file(String name) {
    try {
      return Path.of(RealWorldAclCorpusTest.class.getResource("/realworld/acl/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String problems(AclConfig c) {
    if (c.problems().isEmpty()) {
      return "none";
    }
    return c.problems().stream().map(f -> {
      SourceLocation l = f.location().orElseThrow();
      return f.code() + "@" + l.line().getAsInt();
    }).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // file | lists | problems (code@line)
      "freeswitch-vanilla-acl.conf.xml | lan domains | acl.not-evaluable@25",
      "freeswitch-sbc-acl.conf.xml | dl-candidates rfc1918 lan strict domains | acl.not-evaluable@31",
      "freeswitch-minimal-acl.conf.xml | domains | none",
      "freeswitch-testing-acl.conf.xml | domains | acl.not-evaluable@5",
      "kazoo-acl.conf.xml | inbound_carriers | none",
      "bbb-minimal-fs-acl.conf.xml | esl ice | acl.not-evaluable@17 acl.not-evaluable@44",
      "somleng-acl.conf.xml | loopback.auto | config.duplicate-key@12",
  })
  void everyFileLoadsAsFreeSwitchLoadsItWithoutFail(String name, String lists, String expected) throws Exception {
    AclConfig c = AclConfig.parse(file(name));
    assertEquals(lists, String.join(" ", c.lists().keySet()), name);
    assertEquals(expected, problems(c), name + ": " + c.problems());
    AclChain all = AclChain.resolveAsXcc(c, List.copyOf(c.lists().keySet()), LAN);
    List<Finding> lint = AclLint.builder().localNetworks(LAN).build().lint(c, all);
    assertTrue(lint.stream().noneMatch(f -> f.severity().compareTo(Status.FAIL) >= 0),
        name + " is healthy: no FAIL in its lint: " + lint);
  }

  @Test
  void everyFileInTheDirectoryIsInTheTable() throws IOException {
    try (Stream<Path> files = Files.list(file("kazoo-acl.conf.xml").getParent())) {
      assertEquals(7, files.filter(p -> p.toString().endsWith(".xml")).count(),
          "a new corpus file needs rows here and in the README");
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      // file | chain | mode | address | decision | certain
      "freeswitch-vanilla-acl.conf.xml | lan | inbound | 192.168.42.42 | allow | true",
      "freeswitch-vanilla-acl.conf.xml | lan | inbound | 192.168.42.7 | deny | true",
      "freeswitch-vanilla-acl.conf.xml | lan | inbound | ::ffff:192.168.42.7 | deny | true",
      "freeswitch-vanilla-acl.conf.xml | lan | inbound | 10.0.0.5 | allow | true",
      "freeswitch-vanilla-acl.conf.xml | lan | inbound | 2001:db8::5 | allow | true",
      "freeswitch-vanilla-acl.conf.xml | domains | inbound | 10.0.0.5 | deny | false",
      "freeswitch-vanilla-acl.conf.xml | lan,domains | register | 10.0.0.5 | deny | false",
      "freeswitch-sbc-acl.conf.xml | dl-candidates | inbound | 192.168.1.20 | deny | true",
      "freeswitch-sbc-acl.conf.xml | dl-candidates | inbound | 203.0.113.9 | allow | true",
      "freeswitch-sbc-acl.conf.xml | rfc1918 | inbound | ::ffff:172.20.1.1 | allow | true",
      "freeswitch-sbc-acl.conf.xml | strict | inbound | 208.102.123.124 | allow | true",
      "freeswitch-sbc-acl.conf.xml | strict | inbound | 208.102.123.125 | deny | true",
      "freeswitch-sbc-acl.conf.xml | strict,rfc1918 | inbound | 10.1.1.1 | allow | true",
      "freeswitch-minimal-acl.conf.xml | domains | inbound | 10.0.0.5 | deny | true",
      "freeswitch-minimal-acl.conf.xml | Domains | inbound | 10.0.0.5 | deny | true",
      "kazoo-acl.conf.xml | inbound_carriers | inbound | 172.203.215.241 | allow | true",
      "kazoo-acl.conf.xml | inbound_carriers | inbound | 173.203.215.241 | deny | true",
      "bbb-minimal-fs-acl.conf.xml | esl | inbound | 127.0.0.2 | allow | false",
      "bbb-minimal-fs-acl.conf.xml | esl | inbound | ::1 | allow | false",
      "bbb-minimal-fs-acl.conf.xml | ice | inbound | 192.168.1.20 | deny | false",
      "bbb-minimal-fs-acl.conf.xml | ice | inbound | 203.0.113.9 | allow | false",
      "somleng-acl.conf.xml | loopback.auto | inbound | 198.51.100.7 | allow | true",
      "somleng-acl.conf.xml | localnet.auto | inbound | 192.168.1.20 | allow | true",
      "somleng-acl.conf.xml | localnet.auto | inbound | 172.17.0.5 | deny | true",
  })
  void decisionsAreFreeSwitchs(String name, String chain, String mode, String ip, String decision, boolean certain)
      throws Exception {
    AclConfig c = AclConfig.parse(file(name));
    AclChain ch = AclChain.resolveAsXcc(c, List.of(chain.split(",")), LAN);
    AclMode m = AclMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
    AclChainDecision d = ch.evaluate(m, IpAddress.parse(ip));
    assertEquals(decision, d.decision().written(), d.explain());
    assertEquals(certain, d.certain(), d.explain());
  }

  @ParameterizedTest(name = "{0} {1} {2}: {3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      // file | candidate lists | XCC RTP | offer (address/type ...) | taken (or 488) | certain
      "freeswitch-sbc-acl.conf.xml | dl-candidates | ipv4 | 192.168.1.20/host 203.0.113.9/srflx | 203.0.113.9 | true",
      "freeswitch-sbc-acl.conf.xml | dl-candidates | ipv4 | 192.168.1.20/host 10.0.0.9/host | 488 | true",
      "bbb-minimal-fs-acl.conf.xml | ice | ipv4 | 192.168.1.20/host 100.72.1.1/srflx 203.0.113.9/srflx | 203.0.113.9 | false",
      "bbb-minimal-fs-acl.conf.xml | ice | ipv4 | 2001:db8::9/host 192.168.1.20/host | 488 | false",
      "bbb-minimal-fs-acl.conf.xml | ice | ipv6 | 2001:db8::9/host 192.168.1.20/host | 2001:db8::9 | false",
      "freeswitch-vanilla-acl.conf.xml | '' | ipv4 | 192.168.1.20/host 203.0.113.9/srflx | 203.0.113.9 | true",
  })
  void candidatePicksAreFreeSwitchs(String name, String lists, String family, String offer, String taken,
      boolean certain) throws Exception {
    AclConfig c = AclConfig.parse(file(name));
    List<String> names = lists.isEmpty() ? List.of() : List.of(lists.split(","));
    List<AclCandidate> cands = Stream.of(offer.split(" ")).map(s -> s.split("/"))
        .map(p -> new AclCandidate(p[0], 50000, "udp", 1, p[1])).toList();
    AclOfferDecision o = AclChain.resolveAsXcc(c, names, LAN).candidates(cands, RtpFamilies.parse(family));
    assertEquals(taken, o.chosen().map(x -> x.candidate().address()).orElse("488"));
    assertEquals(certain, o.certain());
  }
}
