package org.xphonediag.doctor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.StandaloneContext;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.NatBehavior;
import org.xphonediag.stun.StunBinding;
import org.xphonediag.stun.StunBindings;

class CandidateAclCheckTest {
  private static final String ACL = """
      <configuration name="acl.conf" description="Network Lists">
        <network-lists>
          <list name="xcc_candidates" default="deny">
            <node type="allow" cidr="192.168.0.0/16"/>
          </list>
        </network-lists>
      </configuration>
      """;

  @TempDir
  Path dir;

  private CandidateAclCheck check() throws Exception {
    Path file = dir.resolve("acl.conf.xml");
    Files.writeString(file, ACL, StandardCharsets.UTF_8);
    return new CandidateAclCheck(new AclSource(file), List.of("xcc_candidates"), List.of());
  }

  private static StunBinding answered(String local, String mapped) {
    return new StunBinding(HostAndPort.parse("stun.example.com", 3478),
        Optional.of(new InetSocketAddress("198.51.100.9", 3478)), Optional.of(address(local)),
        Optional.of(address(mapped)), Optional.of(Duration.ofMillis(12)), 1, Duration.ofMillis(12), Optional.empty(),
        Optional.empty(), Optional.empty(), NatBehavior.unknown(), Optional.empty());
  }

  private static InetSocketAddress address(String hostPort) {
    HostAndPort hp = HostAndPort.parse(hostPort, 1);
    return new InetSocketAddress(hp.ipAddress().orElseThrow().toInetAddress(), hp.port());
  }

  private static StandaloneContext context(StunBindings stun) {
    return StandaloneContext.builder(CheckCatalog.ACL_CANDIDATES).budget(Duration.ofSeconds(5))
        .result(CheckResult.builder(CheckCatalog.STUN_CLASSIC).outcome(stun).build()).build();
  }

  @Test
  void runWhenOnlyPublicCandidateFromStunIsDeniedThenRaisesItToFail() throws Exception {
    CheckResult r = check().run(context(new StunBindings(List.of(answered("192.168.1.10:50000",
        "203.0.113.7:50000")))));
    assertEquals(Status.FAIL, r.status(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals("acl.candidate-denied", f.code());
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("203.0.113.7") && f.message().contains("only public candidate"), f.message());
    assertEquals(List.of("192.168.1.10/udp", "203.0.113.7/udp"), r.details().get("offered").orElseThrow());
    AclOfferDecision d = r.outcome(AclOfferDecision.class).orElseThrow();
    assertEquals("192.168.1.10", d.chosen().orElseThrow().candidate().address());
    assertEquals("192.168.1.10/udp", r.details().get("chosen").orElseThrow());
  }

  @Test
  void runWhenTwoPublicCandidatesAndOneDeniedThenKeepsTheWarning() throws Exception {
    CheckResult r = check().run(context(new StunBindings(List.of(answered("192.168.1.10:50000",
        "203.0.113.7:50000"), answered("192.168.1.10:50001", "203.0.113.8:50001")))));
    assertEquals(Status.WARN, r.status(), r.toString());
    assertEquals(List.of("192.168.1.10/udp", "203.0.113.7/udp", "203.0.113.8/udp"),
        r.details().get("offered").orElseThrow());
  }

  @Test
  void runWhenStunLearnedNothingThenSkipped() throws Exception {
    StunBinding silent = new StunBinding(HostAndPort.parse("stun.example.com", 3478), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Duration.ZERO, Optional.empty(), Optional.empty(),
        Optional.empty(), NatBehavior.unknown(), Optional.of("cannot resolve stun.example.com"));
    assertEquals(Status.SKIPPED, check().run(context(new StunBindings(List.of(silent)))).status());
    assertEquals(Status.SKIPPED, check().run(StandaloneContext.builder(CheckCatalog.ACL_CANDIDATES).build()).status());
  }
}
