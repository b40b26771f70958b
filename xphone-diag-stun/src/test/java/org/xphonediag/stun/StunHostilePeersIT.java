package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;
import org.xphonediag.testkit.hostile.HostileTcpServer;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.testkit.hostile.HostileUdpPeer;
import org.xphonediag.testkit.hostile.HostileUdpPeer.Reply;

/**
 * STUN peers that answer from the wrong source, with the wrong transaction id, with datagrams
 * larger than any STUN message or with garbage (RFC 8489 §6.3: a response must match the
 * transaction; anything else is ignored). Such answers are ignored and counted; without a right
 * answer the probe ends at its budget as documented (ICE: {@code media.port-silent}, classic:
 * {@code stun.unreachable}, sweep: the port is silent).
 */
class StunHostilePeersIT {
  private static final Secret PWD = Secret.of("xccPasswordOf22chars!!");
  private static final RetransmissionPolicy FAST = new RetransmissionPolicy(Duration.ofMillis(50), 7, 4);
  private static final Duration BUDGET = Duration.ofMillis(600);
  private static final Duration SLACK = Duration.ofSeconds(2);
  private static final InetSocketAddress MAPPED = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

  private static IceBindingCheck ice(InetSocketAddress target) {
    return IceBindingCheck.builder(target).remoteUfrag("xcc1").remotePassword(PWD).localUfrag("phone1")
        .policy(FAST).budget(BUDGET).build();
  }

  private static byte[] txid(byte[] request) {
    return Arrays.copyOfRange(request, 8, 20);
  }

  /** A binding success answering {@code request}, signed with {@code PWD} when {@code signed}. */
  private static byte[] success(byte[] request, boolean signed) {
    MessageWriter w = new MessageWriter(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING, txid(request))
        .address(Attributes.XOR_MAPPED_ADDRESS, MAPPED);
    if (signed) {
      w.integrity(StunCredentials.shortTerm(PWD));
    }
    return w.fingerprint().toBytes();
  }

  /** A success for another transaction: the request's id with its last byte changed. */
  private static byte[] wrongTransaction(byte[] request, boolean signed) {
    byte[] other = request.clone();
    other[19] ^= 0x5a;
    return success(other, signed);
  }

  /** The largest IPv4 datagram, starting like a success for {@code request} but longer than any STUN message. */
  private static byte[] oversized(byte[] request) {
    byte[] d = new byte[HostileUdpPeer.MAX_IPV4_PAYLOAD];
    byte[] head = success(request, false);
    System.arraycopy(head, 0, d, 0, head.length);
    d[2] = (byte) 0xff; // message length 65532, more than the datagram holds after the header
    d[3] = (byte) 0xfc;
    return d;
  }

  private static byte[] garbage() {
    byte[] g = new byte[300];
    new Random(3).nextBytes(g);
    g[0] = 0x01; // first two bits 0, like STUN, so the demultiplexer has to look further
    return g;
  }

  @Test
  void iceProbeWhenOnlyWrongTransactionIdAnswersThenIgnoredAndSilentAtBudget() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.of(wrongTransaction(req, true))))) {
      long start = System.nanoTime();
      CheckResult cr = ice(peer.address()).run(Contexts.of(Duration.ofSeconds(10)));
      assertBounded(start, BUDGET);
      assertEquals(Status.WARN, cr.status(), cr.toString());
      assertTrue(cr.hasFinding("media.port-silent"), cr.toString());
      int tx = (Integer) cr.details().get("transmissions").orElseThrow();
      assertEquals(tx, peer.requestCount());
      IceAnswer r = ice(peer.address()).probe(Contexts.of(Duration.ofSeconds(10)));
      assertEquals(IceAnswer.Kind.SILENT, r.kind());
      assertEquals(r.transmissions(), r.ignored(), "every wrong answer counted as ignored: " + r);
    }
  }

  @Test
  void iceProbeWhenRightAnswerComesFromWrongPortThenNotTakenAndSilentAtBudget() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.fromOtherPort(success(req, true))))) {
      long start = System.nanoTime();
      IceAnswer r = ice(peer.address()).probe(Contexts.of(Duration.ofSeconds(10)));
      assertBounded(start, BUDGET);
      assertEquals(IceAnswer.Kind.SILENT, r.kind(), r.toString());
      assertTrue(r.mappedAddress().isEmpty());
      assertTrue(peer.requestCount() >= 1);
    }
  }

  @Test
  void iceProbeWhenOversizedAndGarbageArriveBeforeTheAnswerThenBothIgnoredAndAnswerTaken() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.of(oversized(req)),
        Reply.of(garbage()), Reply.of(success(req, true))))) {
      IceAnswer r = ice(peer.address()).probe(Contexts.of(Duration.ofSeconds(10)));
      assertEquals(IceAnswer.Kind.SUCCESS, r.kind(), r.toString());
      assertEquals(MAPPED, r.mappedAddress().orElseThrow());
      assertEquals(Verification.VALID, r.integrity());
      assertEquals(2, r.ignored(), r.toString());
    }
  }

  @Test
  void classicWhenAnswersOnlyFromWrongPortThenUnreachableAtBudget() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.fromOtherPort(success(req, false))))) {
      long start = System.nanoTime();
      CheckResult cr = StunBindingCheck.builder(List.of(HostAndPort.of(peer.address()))).policy(FAST).budget(BUDGET)
          .build().run(Contexts.of(Duration.ofSeconds(10)));
      assertBounded(start, BUDGET);
      assertEquals(Status.FAIL, cr.status(), cr.toString());
      assertTrue(cr.hasFinding("stun.unreachable"), cr.toString());
      assertTrue(peer.requestCount() >= 2, "retransmitted: " + peer.requestCount());
    }
  }

  @Test
  void classicWhenEveryAnswerIsGarbageOversizedOrForAnotherTransactionThenUnreachableAtBudget() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.of(garbage()),
        Reply.of(oversized(req)), Reply.of(wrongTransaction(req, false))))) {
      long start = System.nanoTime();
      CheckResult cr = StunBindingCheck.builder(List.of(HostAndPort.of(peer.address()))).policy(FAST).budget(BUDGET)
          .build().run(Contexts.of(Duration.ofSeconds(10)));
      assertBounded(start, BUDGET);
      assertEquals(Status.FAIL, cr.status(), cr.toString());
      assertTrue(cr.hasFinding("stun.unreachable"), cr.toString());
    }
  }

  @Test
  void sweepWhenPortAnswersOnlyGarbageAndWrongTransactionsThenSilentNotAnswered() throws Exception {
    try (HostileUdpPeer peer = HostileUdpPeer.start((req, from) -> List.of(Reply.of(garbage()),
        Reply.of(oversized(req)), Reply.of(wrongTransaction(req, true))))) {
      int port = peer.address().getPort();
      long start = System.nanoTime();
      CheckResult cr = UdpPortSweepCheck.builder(InetAddress.getLoopbackAddress(), port, port).ice("xcc1", PWD, "phone1")
          .policy(FAST).budget(Duration.ofSeconds(3)).build().run(Contexts.of(Duration.ofSeconds(10)));
      assertBounded(start, Duration.ofSeconds(3));
      Details ports = (Details) cr.details().get("ports").orElseThrow();
      assertEquals(List.of(), ports.get("answered").orElseThrow(), cr.toString());
      assertEquals(List.of(port), ports.get("silent").orElseThrow(), cr.toString());
      assertTrue(peer.requestCount() >= 2);
    }
  }

  @Test
  void classicOverTcpWhenServerFloodsStrayMessagesThenStillEndsAtBudget() throws Exception {
    // 'x' bytes read as headers announcing 30840-byte messages that never match: strays without end
    try (HostileTcpServer server = HostileTcpServer.start(Behavior.readAtLeast(20).then(Behavior.flood((byte) 'x')))) {
      StunBindingCheck check = StunBindingCheck.builder(List.of(HostAndPort.of(server.address()))).tcp(true)
          .budget(BUDGET).build();
      ExecutorService one = Executors.newSingleThreadExecutor();
      try {
        long start = System.nanoTime();
        Future<CheckResult> run = one.submit(() -> check.run(Contexts.of(Duration.ofSeconds(10))));
        CheckResult cr = run.get(BUDGET.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        assertBounded(start, BUDGET);
        assertEquals(Status.FAIL, cr.status(), cr.toString());
        assertTrue(cr.hasFinding("stun.unreachable"), cr.toString());
        assertTrue(server.bytesSent() > 30840, "the flood ran: " + server.bytesSent());
      } finally {
        one.shutdownNow();
      }
    }
  }

  private static void assertBounded(long startNanos, Duration budget) {
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    assertTrue(took.compareTo(budget.plus(SLACK)) < 0, "took " + took + " with a budget of " + budget);
  }
}
