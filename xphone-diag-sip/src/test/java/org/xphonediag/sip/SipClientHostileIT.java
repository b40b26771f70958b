package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.testkit.hostile.HostileTcpServer;
import org.xphonediag.testkit.hostile.HostileUdpPeer;

/**
 * SIP peers that answer with garbage over UDP and TCP, or accept a TCP connection and never
 * answer: the probe ends with {@code sip.no-answer} by its deadline (over TCP sooner, once the
 * stream cannot be framed as SIP), never with an exception, a hang or a parsed non-answer, and
 * leaves no thread behind.
 */
class SipClientHostileIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** Deadline plus 2 s of slack on a loaded machine. */
  private static final Duration BOUND = TIMEOUT.plusSeconds(2);

  /** Loads the probe's classes once, so that the bounds measure waiting on the peer, not class loading. */
  @BeforeAll
  static void warmUp() throws Exception {
    try (HostileUdpPeer silent = HostileUdpPeer.start((request, from) -> List.of())) {
      SipClient.builder(SipUri.parse("sip:127.0.0.1:" + silent.address().getPort())).timeout(Duration.ofMillis(1))
          .build().run();
    }
  }

  static Stream<Arguments> udpGarbage() {
    byte[] binary = new byte[1200];
    new Random(7).nextBytes(binary);
    return Stream.of(
        Arguments.of("binary", (Function<String, byte[]>) request -> binary),
        Arguments.of("half status line", text(request -> "SIP/2.0 2")),
        Arguments.of("endless header line", text(request -> "SIP/2.0 200 OK\r\nVia: " + "a".repeat(60_000))),
        Arguments.of("huge Content-Length", text(request -> answer(request, "Content-Length: 2000000000\r\n"))),
        Arguments.of("overflowing Content-Length",
            text(request -> answer(request, "Content-Length: 99999999999999999999999\r\n"))),
        Arguments.of("max-size datagram shorter than its Content-Length", (Function<String, byte[]>) request ->
            (answer(request, "Content-Length: 70000\r\n") + "x".repeat(HostileUdpPeer.MAX_IPV4_PAYLOAD))
                .substring(0, HostileUdpPeer.MAX_IPV4_PAYLOAD).getBytes(StandardCharsets.US_ASCII)));
  }

  static Stream<Arguments> tcpGarbage() {
    byte[] binary = new byte[1200];
    new Random(11).nextBytes(binary);
    return Stream.of(
        Arguments.of("black hole", Behavior.stall()),
        Arguments.of("binary", Behavior.readHead().then(Behavior.send(binary)).then(Behavior.stall())),
        Arguments.of("half status line", Behavior.readHead().then(Behavior.send(ascii("SIP/2.0 2")))
            .then(Behavior.stall())),
        Arguments.of("endless header line", Behavior.readHead().then(Behavior.send(ascii("SIP/2.0 200 OK\r\nVia: ")))
            .then(Behavior.flood((byte) 'a'))),
        Arguments.of("huge Content-Length", (Behavior) c -> {
          String request = new String(c.readHead(), StandardCharsets.US_ASCII);
          c.write(ascii(answer(request, "Content-Length: 2000000000\r\n")));
          c.flood((byte) 'x');
        }));
  }

  @ParameterizedTest(name = "UDP {0}")
  @MethodSource("udpGarbage")
  void optionsWhenUdpPeerAnswersGarbageThenNoAnswerWithinDeadline(String name, Function<String, byte[]> reply)
      throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (HostileUdpPeer peer = HostileUdpPeer.start((request, from) ->
        List.of(HostileUdpPeer.Reply.of(reply.apply(new String(request, StandardCharsets.US_ASCII)))))) {
      SipAnswer r = probe("sip:127.0.0.1:" + peer.address().getPort());
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), name + ": " + r);
      assertTrue(peer.requestCount() >= 1, "the OPTIONS arrived");
    }
    threads.assertNoneLeft();
  }

  @ParameterizedTest(name = "TCP {0}")
  @MethodSource("tcpGarbage")
  void optionsWhenTcpPeerAnswersGarbageThenNoAnswerWithinDeadline(String name, Behavior behavior) throws Exception {
    StackThreads threads = StackThreads.snapshot();
    try (HostileTcpServer peer = HostileTcpServer.start(behavior)) {
      SipAnswer r = probe("sip:127.0.0.1:" + peer.port() + ";transport=tcp");
      assertEquals(SipAnswer.Kind.NO_ANSWER, r.kind(), name + ": " + r);
      assertEquals(1, peer.connections(), name);
      // an endless line or body is not taken in: what got out is socket buffers plus what the probe read
      // before it gave up at its 64 KiB message cap
      assertTrue(peer.bytesSent() < 64L * 1024 * 1024, name + ": the peer got " + peer.bytesSent() + " bytes out");
    }
    threads.assertNoneLeft();
  }

  private static SipAnswer probe(String uri) throws InterruptedException {
    SipClient probe = SipClient.builder(SipUri.parse(uri)).timeout(TIMEOUT).build();
    long start = System.nanoTime();
    SipAnswer r = probe.run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(BOUND) < 0, "took " + took + ": " + r);
    assertTrue(r.toResult(CheckCatalog.SIP_PROBE).hasFinding("sip.no-answer") || r.kind()
        != SipAnswer.Kind.NO_ANSWER, r.toString());
    return r;
  }

  /** A 200 to {@code request} with its Via, From, To, Call-ID and CSeq, plus {@code extra} header lines. */
  private static String answer(String request, String extra) {
    String copied = request.lines().filter(l -> Stream.of("via:", "from:", "to:", "call-id:", "cseq:")
        .anyMatch(h -> l.toLowerCase(java.util.Locale.ROOT).startsWith(h))).collect(Collectors.joining("\r\n"));
    return "SIP/2.0 200 OK\r\n" + copied + "\r\n" + extra + "\r\n";
  }

  private static Function<String, byte[]> text(Function<String, String> f) {
    return request -> ascii(f.apply(request));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
