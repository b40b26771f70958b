package org.xphonediag.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.webapi.DyingTlsServer.Death;

/**
 * A server that dies during the TLS handshake is unreachable, never untrusted (docs/field-guide.md#connection-test):
 * each way of dying is repeated 50 times, because the old verdict depended on a race (the JDK's
 * client returns normally from a handshake the server ended with {@code close_notify}, which was
 * then read as "sent no certificate").
 */
class TlsHandshakeInterruptedIT {
  private static final int RUNS = 50;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** Deaths after which the handshake can never have finished. */
  private static final Set<Death> NEVER_FINISHED = EnumSet.complementOf(EnumSet.of(Death.JSSE_CLOSED_MID_HANDSHAKE));

  @ParameterizedTest
  @EnumSource(Death.class)
  void inspectWhenServerDiesMidHandshakeThenUnreachableNeverUntrusted(Death death) throws Exception {
    try (DyingTlsServer server = DyingTlsServer.start(death)) {
      TlsInspector inspector = TlsInspector.builder().trust(server.trust()).timeout(TIMEOUT).build();
      int finished = 0;
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        TlsInspection t = inspector.inspect("localhost", server.port(),
            CheckContext.standalone(CheckCatalog.TLS_CHAIN, Duration.ofSeconds(10)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(TIMEOUT.plusSeconds(1)) < 0, death + " run " + i + " took " + took);
        List<String> codes = t.findings().stream().map(Finding::code).toList();
        assertTrue(codes.stream().noneMatch(c -> c.startsWith("tls.")), death + " run " + i + ": " + t);
        if (codes.isEmpty()) {
          // only a real server that finished its handshake before it was closed may get here
          assertTrue(!NEVER_FINISHED.contains(death), death + " run " + i + ": " + t);
          assertEquals(2, t.chain().size(), t.toString());
          finished++;
          continue;
        }
        assertEquals(List.of("webapi.unreachable"), codes, death + " run " + i + ": " + t);
        Finding f = t.findings().get(0);
        assertTrue(t.chain().isEmpty(), t.toString());
        assertTrue(f.message().contains("during the TLS handshake") || f.message().contains("TLS handshake (close_notify)")
            || f.message().contains("while the client was sending its TLS handshake")
            || death == Death.JSSE_CLOSED_MID_HANDSHAKE, death + ": " + f.message());
      }
      assertTrue(server.connections() >= RUNS, "every run reached the server");
      assertTrue(NEVER_FINISHED.contains(death) || finished < RUNS, "some closes hit the handshake itself");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Death.class, names = {"CANCEL_AFTER_CLIENT_HELLO", "RESET_AFTER_CLIENT_HELLO",
      "CLOSE_IN_CERTIFICATE", "JSSE_CLOSED_MID_HANDSHAKE"})
  void healthWhenServerDiesMidHandshakeThenUnreachableNeverUntrusted(Death death) throws Exception {
    try (DyingTlsServer server = DyingTlsServer.start(death)) {
      for (int i = 0; i < RUNS / 5; i++) {
        try (WebApiSession session = WebApiSession.open(WebApiOptions.builder()
            .url("https://localhost:" + server.port() + "/xphoneconnect/webclientapi").trust(server.trust())
            .callTimeout(TIMEOUT).build())) {
          CheckResult r = session.check(CheckCatalog.WEBAPI_HEALTH)
              .run(CheckContext.standalone(CheckCatalog.WEBAPI_HEALTH, Duration.ofSeconds(10)));
          assertEquals(Status.FAIL, r.status(), r.toString());
          assertTrue(r.findings().stream().noneMatch(f -> f.code().startsWith("tls.")), death + " run " + i + ": " + r);
          assertTrue(r.hasFinding("webapi.unreachable"), r.toString());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Death.class, names = {"CANCEL_AFTER_CLIENT_HELLO", "CLOSE_NOTIFY_AFTER_CLIENT_HELLO"})
  void tlsCheckWhenServerEndsHandshakeWithCloseNotifyThenFailUnreachableWithInterruptedEvidence(Death death)
      throws Exception {
    try (DyingTlsServer server = DyingTlsServer.start(death)) {
      TlsCheck check = TlsCheck.of("localhost", server.port(), TlsInspector.builder().trust(server.trust())
          .timeout(TIMEOUT).build());
      CheckResult r = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(10)));
      assertEquals(Status.FAIL, r.status(), r.toString());
      Finding f = r.findings().get(0);
      assertEquals("webapi.unreachable", f.code(), r.toString());
      assertEquals("interrupted", f.evidence().get("handshake").orElseThrow(), f.toString());
      assertTrue(f.message().contains("TLS handshake (close_notify) before"), f.message());
    }
  }
}
