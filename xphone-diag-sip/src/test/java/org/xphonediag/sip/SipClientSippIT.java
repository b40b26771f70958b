package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Transport;

/** Interop with SIPp on loopback (src/test/resources/sipp); each test runs its own sipp. */
class SipClientSippIT {

  private static SipClient probe(SippPeer sipp, Transport t, SipMethod m, Duration timeout) {
    return SipClient.builder(SipUri.parse("sip:xcc@127.0.0.1:" + sipp.port())).transport(t).method(m)
        .timeout(timeout).build();
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void optionsWhenPeerAnswers200ThenPasses(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("options-200.xml", t)) {
      SipAnswer r = probe(sipp, t, SipMethod.OPTIONS, Duration.ofSeconds(5)).run();
      assertEquals(SipAnswer.Kind.ANSWERED, r.kind(), r.toString());
      assertEquals(200, r.statusCode().getAsInt());
      assertEquals("OK", r.reason().orElseThrow());
      assertEquals(Status.PASS, r.toResult(CheckCatalog.SIP_PROBE).status());
      assertEquals(0, sipp.awaitExit(Duration.ofSeconds(10)), sipp.output());
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void inviteWhenPeerAnswers403ThenForbiddenAndAcked(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("invite-403.xml", t)) {
      SipAnswer r = probe(sipp, t, SipMethod.INVITE, Duration.ofSeconds(5)).run();
      assertEquals(403, r.statusCode().getAsInt(), r.toString());
      CheckResult cr = r.toResult(CheckCatalog.SIP_PROBE);
      assertEquals(List.of("sip.forbidden"), codes(cr));
      assertEquals(Status.FAIL, cr.status());
      assertEquals(0, sipp.awaitExit(Duration.ofSeconds(10)), "sipp saw no ACK: " + sipp.output());
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void inviteWhenPeerAnswers488ThenNotAcceptableAndAcked(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("invite-488.xml", t)) {
      byte[] sdp = ("v=0\r\no=IceLink 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 50000 RTP/AVP 0\r\n"
          + "a=candidate:1 1 UDP 2130706431 10.9.9.9 50000 typ host\r\n").getBytes(StandardCharsets.US_ASCII);
      SipAnswer r = SipClient.builder(SipUri.parse("sip:127.0.0.1:" + sipp.port())).transport(t)
          .method(SipMethod.INVITE).sdp(sdp).build().run();
      assertEquals(488, r.statusCode().getAsInt(), r.toString());
      assertEquals(List.of("sip.not-acceptable"), codes(r.toResult(CheckCatalog.SIP_PROBE)));
      assertEquals(0, sipp.awaitExit(Duration.ofSeconds(10)), "sipp saw no ACK: " + sipp.output());
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void inviteWhenPeerRingsThenAnswersThenProbeAcksAndHangsUp(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("invite-180-200.xml", t)) {
      SipAnswer r = probe(sipp, t, SipMethod.INVITE, Duration.ofSeconds(5)).run();
      assertEquals(200, r.statusCode().getAsInt(), r.toString());
      assertTrue(r.provisional().contains(180), r.provisional().toString());
      assertEquals(List.of("ack", "bye"), r.cleanup());
      assertEquals(Status.PASS, r.toResult(CheckCatalog.SIP_PROBE).status());
      assertEquals(0, sipp.awaitExit(Duration.ofSeconds(10)), "sipp saw no ACK/BYE: " + sipp.output());
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void inviteWhenPeerOnlyRingsThenProbeCancelsAtDeadline(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("invite-180-cancel.xml", t)) {
      SipAnswer r = probe(sipp, t, SipMethod.INVITE, Duration.ofMillis(1500)).run();
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), r.toString());
      // the ACK goes out once the 487 is read, so cleanup() records it; sipp's exit code proves it arrived
      assertEquals(List.of("cancel", "ack"), r.cleanup(), () -> r + " sipp: " + sipp.output());
      assertEquals(List.of("sip.no-answer"), codes(r.toResult(CheckCatalog.SIP_PROBE)));
      assertEquals(0, sipp.awaitExit(Duration.ofSeconds(10)), "sipp saw no CANCEL/ACK: " + sipp.output());
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void probeWhenPeerSilentThenNoAnswerAtOwnDeadline(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SippPeer sipp = SippPeer.start("invite-silent.xml", t)) {
      long start = System.nanoTime();
      SipAnswer r = probe(sipp, t, SipMethod.INVITE, Duration.ofMillis(800)).run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), r.toString());
      assertEquals(List.of(), r.cleanup());
      assertEquals(List.of("sip.no-answer"), codes(r.toResult(CheckCatalog.SIP_PROBE)));
      assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took);
    }
    threads.assertNoneLeft();
  }
}
