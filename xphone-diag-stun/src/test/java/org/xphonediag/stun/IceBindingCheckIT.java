package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.stun.StunResponder;

class IceBindingCheckIT {
  private static final Secret PWD = Secret.of("xccPasswordOf22chars!!");

  private static IceBindingCheck probe(InetSocketAddress target, Secret pwd, Duration budget) {
    return IceBindingCheck.builder(target).remoteUfrag("xcc1").remotePassword(pwd).localUfrag("phone1")
        .policy(new RetransmissionPolicy(Duration.ofMillis(50), 7, 4)).budget(budget).build();
  }

  private static StunResponder.Builder responder() {
    return StunResponder.builder().ice("xcc1", PWD);
  }

  @Test
  void probeWhenCredentialsMatchThenSuccessWithMappedAddress() throws Exception {
    try (StunResponder r = responder().start()) {
      IceBindingCheck p = probe(r.address(), PWD, Duration.ofSeconds(5));
      IceAnswer res = p.probe(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(IceAnswer.Kind.SUCCESS, res.kind());
      assertEquals(Verification.VALID, res.integrity());
      assertEquals(InetAddress.getLoopbackAddress(), res.mappedAddress().orElseThrow().getAddress());
      assertEquals(1, res.transmissions());
      CheckResult cr = p.run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.PASS, cr.status());
      assertEquals("success", cr.details().get("response").orElseThrow());
    }
  }

  @Test
  void probeWhenIpv6LoopbackThenSuccess() throws Exception {
    try (StunResponder r = responder().host(InetAddress.getByName("::1")).start()) {
      IceAnswer res = probe(r.address(), PWD, Duration.ofSeconds(5)).probe(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(IceAnswer.Kind.SUCCESS, res.kind());
      assertEquals(InetAddress.getByName("::1"), res.mappedAddress().orElseThrow().getAddress());
    }
  }

  @Test
  void probeWhenPasswordWrongThenRejectedWith401() throws Exception {
    try (StunResponder r = responder().start()) {
      CheckResult cr = probe(r.address(), Secret.of("wrong"), Duration.ofSeconds(5)).run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.FAIL, cr.status());
      assertTrue(cr.hasFinding("media.binding-rejected"), cr.toString());
      assertEquals(401, cr.details().get("errorCode").orElseThrow());
      assertEquals("error", cr.details().get("response").orElseThrow());
    }
  }

  @Test
  void probeWhenResponderAnswersRoleConflictThenRejectedWith487() throws Exception {
    try (StunResponder r = responder().behavior(StunResponder.Behavior.ERROR).errorCode(487).start()) {
      IceAnswer res = probe(r.address(), PWD, Duration.ofSeconds(5)).probe(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(IceAnswer.Kind.ERROR, res.kind());
      assertEquals(487, res.errorCode().orElseThrow());
      assertEquals(Verification.VALID, res.integrity());
    }
  }

  @Test
  void probeWhenAnswerWronglySignedThenSuccessWithIntegrityInvalid() throws Exception {
    try (StunResponder r = responder().behavior(StunResponder.Behavior.WRONGLY_SIGNED).start()) {
      CheckResult cr = probe(r.address(), PWD, Duration.ofSeconds(5)).run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.FAIL, cr.status());
      assertTrue(cr.hasFinding("stun.integrity-invalid"), cr.toString());
      assertEquals("success", cr.details().get("response").orElseThrow());
    }
  }

  @Test
  void probeWhenStrayResponseArrivesFirstThenIgnoredAndCounted() throws Exception {
    try (StunResponder r = responder().strayFirst(true).start()) {
      IceAnswer res = probe(r.address(), PWD, Duration.ofSeconds(5)).probe(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(IceAnswer.Kind.SUCCESS, res.kind());
      assertEquals(1, res.ignored());
    }
  }

  @Test
  void probeWhenPortSilentThenInconclusiveWarnAfterBudget() throws Exception {
    try (StunResponder r = responder().behavior(StunResponder.Behavior.SILENT).start()) {
      CheckResult cr = probe(r.address(), PWD, Duration.ofMillis(400)).run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.WARN, cr.status());
      assertTrue(cr.hasFinding("media.port-silent"), cr.toString());
      assertTrue(cr.findings().get(0).message().contains("inconclusive"));
      int tx = (Integer) cr.details().get("transmissions").orElseThrow();
      assertTrue(tx >= 3 && tx <= 4, "50 ms RTO in 400 ms: sends at 0, 50, 150, 350 but was " + tx);
      assertEquals(tx, r.requestsReceived());
    }
  }

  @Test
  void probeWhenPortClosedThenIcmpUnreachable() throws Exception {
    InetSocketAddress closed;
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closed = (InetSocketAddress) ch.getLocalAddress();
    }
    CheckResult cr = probe(closed, PWD, Duration.ofSeconds(5)).run(Contexts.of(Duration.ofSeconds(5)));
    assertEquals(Status.FAIL, cr.status());
    assertTrue(cr.hasFinding("media.port-unreachable"), cr.toString());
  }

  @Test
  void probeWhenCancelledThenInterruptedPromptly() throws Exception {
    try (StunResponder r = responder().behavior(StunResponder.Behavior.SILENT).start()) {
      Contexts ctx = Contexts.of(Duration.ofSeconds(30));
      ctx.cancelled.set(true);
      long t0 = System.nanoTime();
      assertThrows(InterruptedException.class, () -> probe(r.address(), PWD, Duration.ofSeconds(30)).probe(ctx));
      assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }
  }

  @Test
  void probeWhenContextHasLessTimeThanBudgetThenStopsAtContextDeadline() throws Exception {
    try (StunResponder r = responder().behavior(StunResponder.Behavior.SILENT).start()) {
      IceAnswer res = probe(r.address(), PWD, Duration.ofSeconds(30)).probe(Contexts.of(Duration.ofMillis(200)));
      assertEquals(IceAnswer.Kind.SILENT, res.kind());
      assertTrue(res.elapsed().compareTo(Duration.ofSeconds(2)) < 0, res.elapsed().toString());
    }
  }

  @Test
  void builderWhenUfragHasColonThenRejects() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IceBindingCheck.builder(new InetSocketAddress("127.0.0.1", 1)).remoteUfrag("a:b"));
    assertFalse(e.getMessage().isEmpty());
    assertEquals("remoteUfrag must be 1..256 characters without ':' but was 'a:b'", e.getMessage());
  }
}
