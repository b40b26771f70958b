package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.StandaloneContext;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.testkit.sip.SipResponder;

/** The probe against our own loopback responder: the paths SIPp does not cover, and the responder itself. */
class SipClientResponderIT {

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
  void inviteWhenResponderAccepts200ThenProbeAcksAndSendsBye(Transport t) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (SipResponder xcc = SipResponder.builder().ringFirst(true).start()) {
      SipAnswer r = SipClient.builder(SipUri.parse(xcc.uri(t.name()))).method(SipMethod.INVITE).build().run();
      assertEquals(200, r.statusCode().getAsInt(), r.toString());
      assertEquals(List.of(100, 180), r.provisional());
      assertEquals(List.of("ack", "bye"), r.cleanup());
      assertTrue(xcc.awaitRequest("BYE", Duration.ofSeconds(3)), xcc.toString());
      assertTrue(xcc.received().contains("ACK"), xcc.toString());
    }
    threads.assertNoneLeft();
  }

  @Test
  void inviteGeneratedOfferCarriesPrivateHostAndPublicSrflx() throws Exception {
    try (SipResponder xcc = SipResponder.builder().inviteStatus(488).start()) {
      SipAnswer r = SipClient.builder(SipUri.parse(xcc.uri("udp"))).method(SipMethod.INVITE)
          .timeout(Duration.ofSeconds(3)).build().run();
      assertEquals(List.of("sip.not-acceptable"), codes(r.toResult(CheckCatalog.SIP_PROBE)));
      assertTrue(xcc.awaitRequest("ACK", Duration.ofSeconds(3)), xcc.toString());
    }
    // what the generated offer looks like, read back by our own parser and analyzer
    String offer = org.xphonediag.sip.internal.OfferGenerator.offer(
        new org.xphonediag.core.net.HostAndPort("192.168.1.5", 50000),
        new org.xphonediag.core.net.HostAndPort("198.51.100.1", 50000));
    SessionDescription sdp = SdpParser.defaults().parse(offer, "generated");
    SdpAnalysis a = SdpAnalyzer.defaults().analyze(sdp);
    assertTrue(a.hasPrivateHost());
    assertTrue(a.hasPublicCandidate());
    assertEquals(List.of(), a.findings());
  }

  @Test
  void optionsWhenTcpPortClosedThenTransportError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    StackThreads threads = StackThreads.snapshot();
    SipAnswer r = SipClient.builder(SipUri.parse("sip:127.0.0.1:" + port + ";transport=tcp"))
        .timeout(Duration.ofSeconds(3)).build().run();
    assertEquals(SipAnswer.Kind.TRANSPORT_ERROR, r.kind(), r.toString());
    assertTrue(r.error().orElseThrow().startsWith("TCP connection to 127.0.0.1:" + port + " failed"),
        r.error().orElseThrow());
    CheckResult cr = r.toResult(CheckCatalog.SIP_PROBE);
    assertEquals(List.of("network.port-closed"), codes(cr));
    assertEquals(Status.FAIL, cr.status());
    threads.assertNoneLeft();
  }

  @Test
  void optionsOverIpv6LoopbackThenAnswered() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    try (SipResponder xcc = SipResponder.builder().address(v6).optionsStatus(503).start()) {
      SipAnswer r = SipClient.builder(SipUri.parse(xcc.uri("udp"))).timeout(Duration.ofSeconds(3)).build().run();
      assertEquals(503, r.statusCode().getAsInt(), r.toString());
      CheckResult cr = r.toResult(CheckCatalog.SIP_PROBE);
      assertEquals(Status.WARN, cr.status());
      assertEquals(List.of(), codes(cr));
    }
  }

  @Test
  void checkWhenCancelledWhileWaitingThenStopsPromptlyAndLeavesNoThread() throws Exception {
    StackThreads threads = StackThreads.snapshot();
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try (SipResponder xcc = SipResponder.builder().inviteSilent().start()) {
      SipRequestCheck check = SipRequestCheck.of(SipClient.builder(SipUri.parse(xcc.uri("udp"))).method(SipMethod.INVITE)
          .timeout(Duration.ofSeconds(30)).build());
      StandaloneContext ctx = StandaloneContext.builder(check.id()).budget(Duration.ofSeconds(60)).build();
      Future<Object> f = exec.submit(() -> {
        try {
          return check.run(ctx);
        } catch (InterruptedException e) {
          return e;
        }
      });
      assertTrue(xcc.awaitRequest("INVITE", Duration.ofSeconds(10)));
      long start = System.nanoTime();
      ctx.cancel();
      Object outcome = f.get(10, TimeUnit.SECONDS);
      assertTrue(outcome instanceof InterruptedException, String.valueOf(outcome));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    } finally {
      exec.shutdownNow();
      exec.awaitTermination(5, TimeUnit.SECONDS);
    }
    threads.assertNoneLeft();
  }

  @Test
  void inviteWhenInterruptedWhileRingingThenCancelsAndLeavesNoThread() throws Exception {
    StackThreads threads = StackThreads.snapshot();
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try (SipResponder xcc = SipResponder.builder().inviteStatus(180).start()) {
      SipClient probe = SipClient.builder(SipUri.parse(xcc.uri("tcp"))).method(SipMethod.INVITE)
          .timeout(Duration.ofSeconds(30)).build();
      Future<SipAnswer> f = exec.submit(() -> probe.run());
      assertTrue(xcc.awaitRequest("INVITE", Duration.ofSeconds(10)));
      f.cancel(true);
      assertTrue(xcc.awaitRequest("CANCEL", Duration.ofSeconds(5)), xcc.toString());
      assertTrue(xcc.awaitRequest("ACK", Duration.ofSeconds(5)), "the 487 must be ACKed: " + xcc);
      exec.shutdown();
      assertTrue(exec.awaitTermination(10, TimeUnit.SECONDS));
    } finally {
      exec.shutdownNow();
    }
    threads.assertNoneLeft();
  }

  @Test
  void checkWhenSilentThenNoAnswerWithinContextDeadline() throws Exception {
    try (SipResponder xcc = SipResponder.builder().optionsSilent().start()) {
      SipRequestCheck check = SipRequestCheck.of(SipClient.builder(SipUri.parse(xcc.uri("udp"))).build());
      CheckResult r = check.run(StandaloneContext.builder(check.id()).budget(Duration.ofMillis(600)).build());
      assertEquals(List.of("sip.no-answer"), codes(r));
      assertEquals(Status.FAIL, r.status());
      assertTrue(r.elapsed().compareTo(Duration.ofSeconds(2)) < 0, r.elapsed().toString());
      assertTrue(r.summary().matches(".*within [1-6][0-9]{2} ms.*"), r.summary());
      assertTrue(xcc.received().contains("OPTIONS"));
    }
  }

  @Test
  void responderWhenClosedThenIdempotentAndPortReleased() throws Exception {
    SipResponder xcc = SipResponder.builder().start();
    int port = xcc.port();
    xcc.close();
    xcc.close();
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, s.getLocalPort());
    }
    assertThrows(IllegalArgumentException.class,
        () -> SipResponder.builder().address(InetAddress.getByName("192.0.2.1")));
    assertFalse(xcc.received().contains("OPTIONS"));
  }
}
