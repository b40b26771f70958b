package org.xphonediag.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.hostile.HostileTcpServer.Behavior;
import org.xphonediag.webapi.TlsInspection;
import org.xphonediag.webapi.TlsInspector;
import org.xphonediag.webapi.WebApiOptions;
import org.xphonediag.webapi.WebApiSession;

/** TLS servers that stall mid-handshake: the inspector and the health check end at their deadline. */
class HostileTlsIT {
  /** A TLS 1.2 record header announcing an 80-byte handshake, then ServerHello's first 6 bytes only. */
  private static final byte[] HALF_SERVER_HELLO = {0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00, 0x4c, 0x03, 0x03};

  static List<Behavior> stalls() {
    return List.of(Behavior.readAtLeast(1).then(Behavior.stall()),
        Behavior.readAtLeast(1).then(Behavior.send(HALF_SERVER_HELLO)).then(Behavior.stall()),
        Behavior.readAtLeast(1).then(Behavior.drip(HALF_SERVER_HELLO, (byte) 0, Duration.ofMillis(50))));
  }

  @Test
  void inspectWhenServerReadsClientHelloAndNeverAnswersThenUnreachableAtTimeout() throws Exception {
    try (HostileTcpServer server = HostileTcpServer.start(Behavior.readAtLeast(1).then(Behavior.stall()))) {
      assertInspectBounded(server);
      assertTrue(server.received().length > 0 && server.received()[0] == 0x16, "a ClientHello record arrived");
    }
  }

  @Test
  void inspectWhenServerSendsHalfAServerHelloThenUnreachableAtTimeout() throws Exception {
    try (HostileTcpServer server = HostileTcpServer.start(
        Behavior.readAtLeast(1).then(Behavior.send(HALF_SERVER_HELLO)).then(Behavior.stall()))) {
      assertInspectBounded(server);
      assertEquals(HALF_SERVER_HELLO.length, server.bytesSent());
    }
  }

  @Test
  void healthWhenTlsStallsMidHandshakeThenUnreachableWithinCheckDeadline() throws Exception {
    for (Behavior stall : stalls()) {
      try (HostileTcpServer server = HostileTcpServer.start(stall);
          WebApiSession session = WebApiSession.open(WebApiOptions.builder()
              .url("https://127.0.0.1:" + server.port() + "/xphoneconnect/webclientapi")
              .callTimeout(Duration.ofSeconds(30)).build())) {
        Duration budget = Duration.ofMillis(1500);
        long start = System.nanoTime();
        CheckResult r = session.check(CheckCatalog.WEBAPI_HEALTH).run(CheckContext.standalone(CheckCatalog.WEBAPI_HEALTH, budget));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Status.FAIL, r.status(), r.toString());
        assertTrue(r.hasFinding("webapi.unreachable") || r.hasFinding("tls.untrusted"), r.toString());
        assertTrue(took.compareTo(budget.plusSeconds(2)) < 0, "took " + took + " " + r);
        assertTrue(server.connections() >= 1);
      }
    }
  }

  private static void assertInspectBounded(HostileTcpServer server) throws InterruptedException {
    Duration timeout = Duration.ofMillis(800);
    TlsInspector inspector = TlsInspector.builder().timeout(timeout).build();
    long start = System.nanoTime();
    TlsInspection t = inspector.inspect("127.0.0.1", server.port(),
        CheckContext.standalone(CheckCatalog.TLS_CHAIN, Duration.ofSeconds(30)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(timeout.plusSeconds(2)) < 0, "took " + took);
    assertTrue(t.chain().isEmpty(), t.toString());
    List<String> codes = t.findings().stream().map(Finding::code).toList();
    assertEquals(List.of("webapi.unreachable"), codes, t.toString());
    String message = t.findings().get(0).message();
    assertTrue(message.contains("127.0.0.1:" + server.port()) && message.contains("800 ms"), message);
  }
}
