package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.hostile.HostileTcpServer;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.testkit.hostile.HostileUdpPeer;
import org.xphonediag.testkit.sip.SipResponder;

/**
 * The probe's own transaction layer on the wire: ICMP port unreachable ends a UDP probe at once,
 * a lost request is retransmitted, answers to another transaction or from another port are not
 * taken, a TCP peer that hangs up ends the wait, and no thread is left behind.
 */
class SipClientTransportIT {

  /** Loads the parser's classes once, so that bounds measure the wire, not the first parse in this JVM. */
  @BeforeAll
  static void warmUp() throws Exception {
    try (SipResponder xcc = SipResponder.builder().start()) {
      SipClient.builder(SipUri.parse(xcc.uri("udp"))).build().run();
    }
  }

  private static List<String> codes(CheckResult r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  private static int closedUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(SipMethod.class)
  void probeWhenUdpPortAnswersIcmpUnreachableThenPortClosedAtOnce(SipMethod method) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    int port = closedUdpPort();
    long start = System.nanoTime();
    SipAnswer r = SipClient.builder(SipUri.parse("sip:xcc@127.0.0.1:" + port)).method(method)
        .timeout(Duration.ofSeconds(5)).build().run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(SipAnswer.Kind.TRANSPORT_ERROR, r.kind(), r.toString());
    assertEquals("ICMP port unreachable: nothing listens on 127.0.0.1:" + port + "/udp, or a firewall rejects it",
        r.error().orElseThrow());
    CheckResult cr = r.toResult(CheckCatalog.SIP_PROBE);
    assertEquals(List.of("network.port-closed"), codes(cr));
    assertEquals(Status.FAIL, cr.status());
    assertEquals(List.of(), r.cleanup(), "nothing to cancel: the INVITE never arrived");
    // the ICMP answer comes within microseconds on loopback; 1 s leaves room for a loaded machine,
    // against the 5 s a probe that ignored it would wait
    assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
    threads.assertNoneLeft();
  }

  @Test
  void optionsWhenFirstRequestIsLostThenRetransmissionIsAnswered() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    try (HostileUdpPeer peer = HostileUdpPeer.start((request, from) -> seen.incrementAndGet() == 1 ? List.of()
        : List.of(HostileUdpPeer.Reply.of(ascii(answer(new String(request, StandardCharsets.US_ASCII), 200, "")))))) {
      SipAnswer r = SipClient.builder(SipUri.parse("sip:127.0.0.1:" + peer.address().getPort()))
          .timeout(Duration.ofSeconds(3)).build().run();
      assertEquals(200, r.statusCode().getAsInt(), r.toString());
      assertEquals(2, peer.requestCount(), "answered after the first retransmission (Timer E, T1 = 500 ms)");
      List<byte[]> requests = peer.requests();
      assertEquals(new String(requests.get(0), StandardCharsets.US_ASCII),
          new String(requests.get(1), StandardCharsets.US_ASCII), "a retransmission is the same request");
      assertTrue(r.elapsed().compareTo(Duration.ofMillis(450)) > 0, r.elapsed().toString());
    }
  }

  @Test
  void optionsWhenAnswersBelongToAnotherTransactionOrComeFromAnotherPortThenNotTaken() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((request, from) -> {
      String req = new String(request, StandardCharsets.US_ASCII);
      return List.of(
          HostileUdpPeer.Reply.of(ascii(answer(req, 200, "").replace(";branch=z9hG4bK", ";branch=z9hG4bKother"))),
          HostileUdpPeer.Reply.of(ascii(answer(req, 200, "").replaceFirst("(?m)^Call-ID: .*$", "Call-ID: other"))),
          HostileUdpPeer.Reply.of(ascii(answer(req, 200, "").replace(" OPTIONS\r\n", " INVITE\r\n"))),
          HostileUdpPeer.Reply.fromOtherPort(ascii(answer(req, 200, ""))));
    })) {
      SipAnswer r = SipClient.builder(SipUri.parse("sip:127.0.0.1:" + peer.address().getPort()))
          .timeout(Duration.ofMillis(1200)).build().run();
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), r.toString());
      assertTrue(peer.requestCount() >= 2, "retransmitted while the answers were ignored: " + peer.requestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(SipMethod.class)
  void probeWhenTcpPeerHangsUpAfterTheRequestThenNoAnswerAtOnce(SipMethod method) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (HostileTcpServer peer = HostileTcpServer.start(Behavior.readHead())) {
      SipAnswer r = SipClient.builder(SipUri.parse("sip:127.0.0.1:" + peer.port() + ";transport=tcp"))
          .method(method).timeout(Duration.ofSeconds(5)).build().run();
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), r.toString());
      assertTrue(r.elapsed().compareTo(Duration.ofSeconds(2)) < 0, r.elapsed().toString());
      CheckResult cr = r.toResult(CheckCatalog.SIP_PROBE);
      assertEquals(List.of("sip.no-answer"), codes(cr));
      assertTrue(cr.summary().matches("no final SIP answer from 127\\.0\\.0\\.1:" + peer.port() + "/tcp to " + method
          + ": the peer 127\\.0\\.0\\.1:" + peer.port() + " closed the TCP connection after \\d+ ms"), cr.summary());
    }
    threads.assertNoneLeft();
  }

  @Test
  void inviteOverUdpWhenRingingThenNotRetransmittedAndCancelledAtDeadline() throws Exception {
    try (SipResponder xcc = SipResponder.builder().inviteStatus(180).start()) {
      SipAnswer r = SipClient.builder(SipUri.parse(xcc.uri("udp"))).method(SipMethod.INVITE)
          .timeout(Duration.ofMillis(2500)).build().run();
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), r.toString());
      assertEquals(List.of(100, 180), r.provisional());
      assertEquals(List.of("cancel", "ack"), r.cleanup(), "CANCEL, then the ACK of the 487");
      assertTrue(xcc.awaitRequest("ACK", Duration.ofSeconds(2)), xcc.toString());
      // Timer A would have resent the INVITE at 0.5 s and 1.5 s had the provisional answers not stopped it
      assertEquals(List.of("INVITE", "CANCEL", "ACK"), xcc.received());
    }
  }

  /** A response to {@code request} with its Via, From, To (tagged), Call-ID and CSeq. */
  static String answer(String request, int code, String extra) {
    String copied = request.lines().filter(l -> Stream.of("via:", "from:", "to:", "call-id:", "cseq:")
        .anyMatch(h -> l.toLowerCase(Locale.ROOT).startsWith(h)))
        .map(l -> l.toLowerCase(Locale.ROOT).startsWith("to:") ? l + ";tag=peer1" : l)
        .collect(Collectors.joining("\r\n"));
    return "SIP/2.0 " + code + " OK\r\n" + copied + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
