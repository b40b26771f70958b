package org.xphonediag.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/** Table tests over single lists: each row names the rule of docs/field-guide.md#xcc-acls / FreeSWITCH it checks. */
class AclListTest {

  /**
   * Builds a list from "default|type cidr;type cidr;…" (type "-" = no type attribute: list default).
   */
  static AclList list(String spec) {
    String[] parts = spec.split("\\|", -1);
    AclType dflt = AclType.valueOf(parts[0].strip().toUpperCase(java.util.Locale.ROOT));
    List<AclNode> nodes = new ArrayList<>();
    if (parts.length > 1 && !parts[1].isBlank()) {
      for (String n : parts[1].split(";")) {
        String[] tc = n.strip().split(" ");
        AclType t = tc[0].equals("-") ? dflt : AclType.valueOf(tc[0].toUpperCase(java.util.Locale.ROOT));
        nodes.add(AclNode.of(t, tc[1]));
      }
    }
    return AclList.of("t", dflt, nodes);
  }

  @ParameterizedTest(name = "{0}: {2} in [{1}] -> {3} by {4}")
  @CsvSource(delimiter = '!', value = {
      // rule ! list ! address ! decision ! deciding node ! reason
      "default decides when nothing matches ! deny| allow 10.0.0.0/8 ! 192.0.2.1 ! DENY ! default ! DEFAULT",
      "a list without nodes answers its default ! allow| ! 192.0.2.1 ! ALLOW ! default ! DEFAULT",
      "longest prefix wins, nested narrower deny ! allow| allow 10.0.0.0/8;deny 10.1.0.0/16 ! 10.1.2.3 ! DENY ! deny 10.1.0.0/16 ! LONGEST_PREFIX",
      "longest prefix wins whatever the order ! allow| deny 10.1.0.0/16;allow 10.0.0.0/8 ! 10.1.2.3 ! DENY ! deny 10.1.0.0/16 ! LONGEST_PREFIX",
      "outside the nested prefix the broader node decides ! deny| allow 10.0.0.0/8;deny 10.1.0.0/16 ! 10.2.0.1 ! ALLOW ! allow 10.0.0.0/8 ! LONGEST_PREFIX",
      "three levels of nesting ! deny| allow 10.0.0.0/8;deny 10.1.0.0/16;allow 10.1.2.0/24 ! 10.1.2.9 ! ALLOW ! allow 10.1.2.0/24 ! LONGEST_PREFIX",
      "a /32 host node beats its network ! allow| deny 203.0.113.0/24;allow 203.0.113.7/32 ! 203.0.113.7 ! ALLOW ! allow 203.0.113.7/32 ! LONGEST_PREFIX",
      "exact tie: first written decides (allow first) ! deny| allow 10.0.0.0/8;deny 10.0.0.0/8 ! 10.9.9.9 ! ALLOW ! allow 10.0.0.0/8 ! TIE",
      "exact tie: first written decides (deny first) ! allow| deny 10.0.0.0/8;allow 10.0.0.0/8 ! 10.9.9.9 ! DENY ! deny 10.0.0.0/8 ! TIE",
      "host bits in a cidr are plain CIDR arithmetic ! deny| allow 10.1.2.3/8 ! 10.200.0.1 ! ALLOW ! allow 10.1.2.3/8 ! LONGEST_PREFIX",
      "a node without type takes the list default ! deny| - 10.0.0.0/8 ! 10.0.0.1 ! DENY ! deny 10.0.0.0/8 ! LONGEST_PREFIX",
      "IPv6: longest prefix wins ! deny| allow 2001:db8::/32;deny 2001:db8:1::/48 ! 2001:db8:1::5 ! DENY ! deny 2001:db8:1::/48 ! LONGEST_PREFIX",
      "IPv6: broader node outside the nested one ! deny| allow 2001:db8::/32;deny 2001:db8:1::/48 ! 2001:db8:2::5 ! ALLOW ! allow 2001:db8::/32 ! LONGEST_PREFIX",
      "IPv6 nodes never match IPv4 addresses ! allow| deny ::/0 ! 192.0.2.1 ! ALLOW ! default ! DEFAULT",
      "IPv4 nodes never match IPv6 addresses ! allow| deny 0.0.0.0/0 ! 2001:db8::1 ! ALLOW ! default ! DEFAULT",
      "a /0 node covers its whole family ! allow| deny 0.0.0.0/0 ! 198.51.100.1 ! DENY ! deny 0.0.0.0/0 ! LONGEST_PREFIX",
  })
  void evaluateFollowsLongestPrefixTieAndDefault(String rule, String spec, String ip, AclType decision,
      String node, AclListDecision.Reason reason) {
    AclListDecision d = list(spec).evaluate(IpAddress.parse(ip));
    assertEquals(decision, d.decision(), rule);
    assertEquals(node, d.nodeText(), rule);
    assertEquals(reason, d.reason(), rule);
    assertEquals(decision == AclType.ALLOW, list(spec).allows(IpAddress.parse(ip)), rule);
  }

  @Test
  void explainNamesListNodeAndReason() {
    AclListDecision d = list("deny| allow 10.0.0.0/8;allow 10.0.0.0/8").evaluate(IpAddress.parse("10.1.1.1"));
    assertEquals(2, d.tiedNodes());
    assertTrue(d.explain().contains("list 't'"), d.explain());
    assertTrue(d.explain().contains("first written"), d.explain());
  }

  @Test
  void whitelistAndBlacklistFollowTheXccBlocks() {
    assertTrue(list("deny| allow 192.168.1.0/24").isWhitelist());
    assertFalse(list("deny| allow 192.168.1.0/24").isBlacklist());
    assertTrue(list("allow| deny 192.168.0.0/16").isBlacklist());
    assertFalse(list("allow|").isBlacklist());
  }

  /** The trie must agree with FreeSWITCH's linear scan (longest prefix, first written on ties). */
  @Test
  void evaluateAgreesWithLinearScanOnRandomLists() {
    Random r = new Random(42);
    for (int round = 0; round < 50; round++) {
      List<AclNode> nodes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int len = 1 + r.nextInt(32);
        byte[] b = {(byte) (10 + r.nextInt(2)), (byte) r.nextInt(4), (byte) r.nextInt(256), (byte) r.nextInt(256)};
        nodes.add(AclNode.of(r.nextBoolean() ? AclType.ALLOW : AclType.DENY, Cidr.of(IpAddress.ofBytes(b), len)));
      }
      AclType dflt = r.nextBoolean() ? AclType.ALLOW : AclType.DENY;
      AclList l = AclList.of("r", dflt, nodes);
      for (int q = 0; q < 200; q++) {
        byte[] b = {(byte) (10 + r.nextInt(2)), (byte) r.nextInt(4), (byte) r.nextInt(256), (byte) r.nextInt(256)};
        IpAddress a = IpAddress.ofBytes(b);
        AclType expected = dflt;
        int best = -1;
        for (AclNode n : nodes) {
          Cidr c = n.prefix().orElseThrow();
          if (c.contains(a) && c.prefixLength() > best) {
            best = c.prefixLength();
            expected = n.type();
          }
        }
        assertEquals(expected, l.evaluate(a).decision(), "address " + a + " in round " + round);
      }
    }
  }

  /** Same agreement for IPv6 prefixes (128-bit walks). */
  @Test
  void evaluateAgreesWithLinearScanOnRandomIpv6Lists() {
    Random r = new Random(4242);
    for (int round = 0; round < 20; round++) {
      List<AclNode> nodes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        nodes.add(AclNode.of(r.nextBoolean() ? AclType.ALLOW : AclType.DENY,
            Cidr.of(randomV6(r), 1 + r.nextInt(128))));
      }
      AclList l = AclList.of("r6", AclType.DENY, nodes);
      for (int q = 0; q < 200; q++) {
        IpAddress a = randomV6(r);
        AclType expected = AclType.DENY;
        int best = -1;
        for (AclNode n : nodes) {
          Cidr c = n.prefix().orElseThrow();
          if (c.contains(a) && c.prefixLength() > best) {
            best = c.prefixLength();
            expected = n.type();
          }
        }
        assertEquals(expected, l.evaluate(a).decision(), "address " + a);
      }
    }
  }

  private static IpAddress randomV6(Random r) {
    byte[] b = new byte[16];
    b[0] = 0x20;
    b[1] = 0x01;
    b[2] = 0x0d;
    b[3] = (byte) 0xb8;
    b[4] = (byte) r.nextInt(2);
    for (int i = 5; i < 16; i++) {
      b[i] = (byte) (i < 14 ? r.nextInt(2) : r.nextInt(256));
    }
    return IpAddress.ofBytes(b);
  }
}
