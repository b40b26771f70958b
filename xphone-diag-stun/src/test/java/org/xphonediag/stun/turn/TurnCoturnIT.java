package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.stun.Contexts;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;
import org.xphonediag.stun.internal.Requests;

/** The TURN check against a real coturn on loopback with long-term credentials (RFC 8656). */
class TurnCoturnIT {

  private static TurnCheck.Builder check(List<TurnUri> uris, String password) {
    return TurnCheck.builder(uris, Coturn.USER, Secret.of(password));
  }

  private static TurnUri udp(Coturn c) {
    return TurnUri.parse("turn:127.0.0.1:" + c.port);
  }

  private static TurnUri tcp(Coturn c) {
    return TurnUri.parse("turn:127.0.0.1:" + c.port + "?transport=tcp");
  }

  private static Finding only(CheckResult r) {
    assertEquals(1, r.findings().size(), r.toString());
    return r.findings().get(0);
  }

  @Test
  void allocateOverUdpTcpAndTlsThenRelayWorksAndAllocationReleased() throws Exception {
    HeldCertificate held = new HeldCertificate.Builder().commonName("turn.lab.example")
        .addSubjectAlternativeName("127.0.0.1").build();
    Path cert = Files.createTempFile("turn-cert", ".pem");
    Path key = Files.createTempFile("turn-key", ".pem");
    Files.writeString(cert, held.certificatePem());
    Files.writeString(key, held.privateKeyPkcs8Pem());
    X509TrustManager trust = new HandshakeCertificates.Builder().addTrustedCertificate(held.certificate()).build()
        .trustManager();
    try (Coturn c = Coturn.start(cert, key, Coturn.USER + ":" + Coturn.PASSWORD)) {
      TurnUri tls = TurnUri.parse("turns:127.0.0.1:" + c.tlsPort);
      TurnCheck check = check(List.of(udp(c), tcp(c), tls), Coturn.PASSWORD).trust(trust).build();
      List<TurnRelay> probes = check.probe(Contexts.of(Duration.ofSeconds(11)));
      assertEquals(3, probes.size());
      for (TurnRelay p : probes) {
        assertTrue(p.works(), p + "\n" + c.log());
        assertEquals(InetAddress.getLoopbackAddress(), p.relayedAddress().orElseThrow().getAddress());
        assertEquals(InetAddress.getLoopbackAddress(), p.mappedAddress().orElseThrow().getAddress());
        assertEquals(Coturn.REALM, p.realm().orElseThrow());
        assertTrue(p.lifetime().orElseThrow().toSeconds() > 0, p.toString());
        assertTrue(p.allocationRtt().orElseThrow().compareTo(Duration.ofSeconds(2)) < 0);
        assertTrue(p.dataRtt().orElseThrow().compareTo(Duration.ofSeconds(2)) < 0);
        assertTrue(p.peerReceived() >= 1, p.toString());
        assertTrue(p.released(), "Refresh 0 must be confirmed: " + p);
      }
      assertEquals(List.of("udp", "tcp", "tls"), probes.stream().map(p -> p.uri().transport().jsonName()).toList());
      CheckResult r = check.run(Contexts.of(Duration.ofSeconds(11)));
      assertEquals(Status.PASS, r.status(), r.toString());
      assertEquals("TURN relay works over udp, tcp, tls; fails over none", r.summary());
      assertFalse(r.toString().contains(Coturn.PASSWORD), r.toString());
    } finally {
      Files.deleteIfExists(cert);
      Files.deleteIfExists(key);
    }
  }

  @Test
  void turnsWithPlatformTrustThenTlsUntrusted() throws Exception {
    HeldCertificate held = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    Path cert = Files.createTempFile("turn-cert", ".pem");
    Path key = Files.createTempFile("turn-key", ".pem");
    Files.writeString(cert, held.certificatePem());
    Files.writeString(key, held.privateKeyPkcs8Pem());
    try (Coturn c = Coturn.start(cert, key, Coturn.USER + ":" + Coturn.PASSWORD)) {
      CheckResult r = check(List.of(TurnUri.parse("turns:127.0.0.1:" + c.tlsPort)), Coturn.PASSWORD).build()
          .run(Contexts.of(Duration.ofSeconds(11)));
      assertEquals(Status.FAIL, r.status());
      Finding f = only(r);
      assertEquals(FindingCatalog.TLS_UNTRUSTED.code(), f.code(), r.toString());
      assertEquals("connect", f.evidence().get("step").orElseThrow());
    } finally {
      Files.deleteIfExists(cert);
      Files.deleteIfExists(key);
    }
  }

  @Test
  void wrongPasswordThenAuthFailedWith401AndNoAllocation() throws Exception {
    try (Coturn c = Coturn.start()) {
      TurnCheck check = check(List.of(udp(c)), "wrong").build();
      TurnRelay p = check.probe(Contexts.of(Duration.ofSeconds(11))).get(0);
      assertFalse(p.allocated());
      assertEquals(401, p.failure().orElseThrow().errorCode().orElseThrow());
      CheckResult r = check.run(Contexts.of(Duration.ofSeconds(11)));
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_AUTH_FAILED.code(), f.code());
      assertTrue(f.message().contains("user 'alice' in realm 'lab.example'"), f.message());
      assertFalse(r.toString().contains("wrong"), "the password must not appear: " + r);
    }
  }

  @Test
  void userKeyForAnotherRealmThenAuthFailed() throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest("alice:other.example:secret".getBytes(StandardCharsets.UTF_8));
    try (Coturn c = Coturn.start((Path) null, null, "alice:0x" + HexFormat.of().formatHex(md5))) {
      CheckResult r = check(List.of(tcp(c)), Coturn.PASSWORD).build().run(Contexts.of(Duration.ofSeconds(11)));
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_AUTH_FAILED.code(), f.code(), r.toString());
      assertEquals(401, f.evidence().get("errorCode").orElseThrow());
    }
  }

  @Test
  void quotaReachedByHeldAllocationThenAllocationFailed486() throws Exception {
    try (Coturn c = Coturn.start("--user-quota=1"); DatagramSocket holder = new DatagramSocket()) {
      holdAllocation(holder, new InetSocketAddress("127.0.0.1", c.port));
      CheckResult r = check(List.of(udp(c)), Coturn.PASSWORD).build().run(Contexts.of(Duration.ofSeconds(11)));
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_ALLOCATION_FAILED.code(), f.code(), r.toString());
      assertEquals(486, f.evidence().get("errorCode").orElseThrow());
    }
  }

  @Test
  void silentPeerThenRelayBlockedAndAllocationStillReleased() throws Exception {
    try (Coturn c = Coturn.start(); DatagramSocket silent = new DatagramSocket(0,
        InetAddress.getLoopbackAddress())) {
      TurnCheck blocked = check(List.of(udp(c)), Coturn.PASSWORD)
          .peer(new InetSocketAddress("127.0.0.1", silent.getLocalPort())).budget(Duration.ofSeconds(2)).build();
      CheckResult r = blocked.run(Contexts.of(Duration.ofSeconds(3)));
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_RELAY_BLOCKED.code(), f.code(), r.toString());
      assertEquals("data", f.evidence().get("step").orElseThrow());
      assertEquals(Boolean.TRUE, ((List<?>) r.details().get("relays").orElseThrow()).stream()
          .map(d -> ((org.xphonediag.core.Details) d).get("released").orElseThrow()).findFirst().orElseThrow(),
          r.toString());
      // coturn confirmed Refresh with LIFETIME 0: the allocation was deleted (RFC 8656 §8)
    }
  }

  @Test
  void tcpListenerNotOfferedThenUnreachableOverTcpAndSummaryNamesUdp() throws Exception {
    try (Coturn c = Coturn.start("--no-tcp")) {
      CheckResult r = check(List.of(udp(c), tcp(c)), Coturn.PASSWORD).build()
          .run(Contexts.of(Duration.ofSeconds(11)));
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_UNREACHABLE.code(), f.code(), r.toString());
      assertEquals("tcp", f.evidence().get("transport").orElseThrow());
      assertEquals("TURN relay works over udp; fails over tcp", r.summary());
    }
  }

  @Test
  void udpRelayNotOfferedThenAllocationFailed442() throws Exception {
    try (Coturn c = Coturn.start("--no-udp-relay")) {
      TurnRelay p = check(List.of(udp(c)), Coturn.PASSWORD).build().probe(Contexts.of(Duration.ofSeconds(11)))
          .get(0);
      assertEquals(FindingCatalog.TURN_ALLOCATION_FAILED, p.failure().orElseThrow().code(), p.toString());
      assertEquals(442, p.failure().orElseThrow().errorCode().orElseThrow());
    }
  }

  @Test
  void silentUdpServerThenUnreachableWithinBudget() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      TurnCheck check = check(List.of(TurnUri.parse("turn:127.0.0.1:" + silent.getLocalPort())), "x")
          .budget(Duration.ofMillis(800)).build();
      long start = System.nanoTime();
      CheckResult r = check.run(Contexts.of(Duration.ofSeconds(5)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      Finding f = only(r);
      assertEquals(FindingCatalog.TURN_UNREACHABLE.code(), f.code(), r.toString());
      assertTrue(f.message().contains("no response to Allocate"), f.message());
      assertTrue(ms >= 500 && ms < 1500, "took " + ms + " ms");
    }
  }

  @Test
  void cancelledWhileWaitingThenInterruptedPromptly() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Contexts ctx = Contexts.of(Duration.ofSeconds(30));
      Thread canceller = new Thread(() -> {
        try {
          silent.receive(new DatagramPacket(new byte[1500], 1500)); // the first Allocate arrived
          ctx.cancelled.set(true);
        } catch (java.io.IOException e) {
          // socket closed
        }
      });
      canceller.start();
      TurnCheck check = check(List.of(TurnUri.parse("turn:127.0.0.1:" + silent.getLocalPort())), "x")
          .budget(Duration.ofSeconds(20)).build();
      long start = System.nanoTime();
      assertThrows(InterruptedException.class, () -> check.run(ctx));
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
      canceller.join(2000);
    }
  }

  /** Allocates with alice's credentials and never releases (the allocation lives until coturn stops). */
  private static void holdAllocation(DatagramSocket s, InetSocketAddress server) throws Exception {
    s.connect(server);
    s.setSoTimeout(2000);
    byte[] transport = {17, 0, 0, 0};
    byte[] first = new MessageWriter(StunClass.REQUEST, 0x003, Requests.newTransactionId())
        .attribute(Attributes.REQUESTED_TRANSPORT, transport).fingerprint().toBytes();
    StunMessage challenge = exchange(s, first);
    assertEquals(401, challenge.errorCode().orElseThrow());
    String nonce = challenge.value(Attributes.NONCE, AttributeValue.Text.class).orElseThrow().text();
    StunCredentials cred = StunCredentials.longTerm(Coturn.USER, Coturn.REALM, Secret.of(Coturn.PASSWORD));
    byte[] second = new MessageWriter(StunClass.REQUEST, 0x003, Requests.newTransactionId())
        .attribute(Attributes.REQUESTED_TRANSPORT, transport).text(Attributes.USERNAME, Coturn.USER)
        .text(Attributes.REALM, Coturn.REALM).text(Attributes.NONCE, nonce).integrity(cred).fingerprint().toBytes();
    StunMessage ok = exchange(s, second);
    assertEquals(StunClass.SUCCESS_RESPONSE, ok.messageClass(), ok.toString().toLowerCase(Locale.ROOT));
  }

  private static StunMessage exchange(DatagramSocket s, byte[] request) throws Exception {
    s.send(new DatagramPacket(request, request.length));
    byte[] buf = new byte[1500];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    s.receive(p);
    return StunDecoder.decode(java.util.Arrays.copyOf(buf, p.getLength()));
  }
}
