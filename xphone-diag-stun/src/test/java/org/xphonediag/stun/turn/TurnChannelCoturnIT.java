package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.stun.Contexts;
import org.xphonediag.stun.StunClass;

/**
 * ChannelBind with ChannelData round trips (RFC 8656 §12) and an IPv6 relay (REQUESTED-ADDRESS-FAMILY,
 * RFC 8656 §18.10, RFC 6156) against coturn on loopback; a refused ChannelBind against a scripted server.
 */
class TurnChannelCoturnIT {

  private static TurnCheck.Builder check(String uri) {
    return TurnCheck.builder(List.of(TurnUri.parse(uri)), Coturn.USER, Secret.of(Coturn.PASSWORD));
  }

  @Test
  void channelBindOverUdpAndTcpThenChannelDataComesBackAndReleased() throws Exception {
    try (Coturn c = Coturn.start()) {
      TurnCheck check = TurnCheck.builder().server(TurnUri.parse("turn:127.0.0.1:" + c.port), Coturn.USER,
          Secret.of(Coturn.PASSWORD)).server(TurnUri.parse("turn:127.0.0.1:" + c.port + "?transport=tcp"),
          Coturn.USER, Secret.of(Coturn.PASSWORD)).channelBind(true).build();
      List<TurnRelay> probes = check.probe(Contexts.of(Duration.ofSeconds(11)));
      for (TurnRelay p : probes) {
        assertTrue(p.works(), p + "\n" + c.log());
        assertTrue(p.channelRtt().orElseThrow().compareTo(Duration.ofSeconds(2)) < 0, p.toString());
        assertTrue(p.peerReceived() >= 2, "the peer got the Send and the ChannelData payloads: " + p);
        assertTrue(p.released(), p.toString());
        assertTrue(p.toDetails().get("channelRttMs").isPresent(), p.toDetails().toString());
      }
    }
  }

  @Test
  void channelBindOffThenNoChannelRtt() throws Exception {
    try (Coturn c = Coturn.start()) {
      TurnRelay p = check("turn:127.0.0.1:" + c.port).build().probe(Contexts.of(Duration.ofSeconds(11))).get(0);
      assertTrue(p.works(), p.toString());
      assertTrue(p.channelRtt().isEmpty(), p.toString());
    }
  }

  @Test
  void ipv6RelayRequestedOnIpv6LoopbackThenRelayedAddressIsIpv6AndDataFlows() throws Exception {
    try (Coturn c = Coturn.start("::1", (java.nio.file.Path) null, null, Coturn.USER + ":" + Coturn.PASSWORD, "--no-tls")) {
      TurnCheck check = TurnCheck.builder().server(TurnUri.parse("turn:[::1]:" + c.port), Coturn.USER,
          Secret.of(Coturn.PASSWORD)).server(TurnUri.parse("turn:[::1]:" + c.port + "?transport=tcp"), Coturn.USER,
          Secret.of(Coturn.PASSWORD)).family(StandardProtocolFamily.INET6).channelBind(true).build();
      CheckResult r = check.run(Contexts.of(Duration.ofSeconds(11)));
      assertEquals(Status.PASS, r.status(), r + "\n" + c.log());
      for (Object o : (List<?>) r.details().get("relays").orElseThrow()) {
        String relayed = ((Details) o).get("relayedAddress").orElseThrow().toString();
        assertTrue(relayed.startsWith("[::1]:"), relayed);
      }
      TurnRelay p = check.probe(Contexts.of(Duration.ofSeconds(11))).get(0);
      assertTrue(p.relayedAddress().orElseThrow().getAddress() instanceof Inet6Address, p.toString());
    }
  }

  @Test
  void ipv6FamilyWithIpv4PeerThenBuilderNamesTheConflict() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("turn:[::1]:3478")
        .family(StandardProtocolFamily.INET6).peer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))
        .build());
    assertTrue(e.getMessage().contains("family") && e.getMessage().contains("peer"), e.getMessage());
  }

  @Test
  void channelBindRefusedThenRelayBlockedAtChannelBindAndReleased() throws Exception {
    InetSocketAddress relayed = new InetSocketAddress("127.0.0.1", 49999);
    try (ScriptedTurnServer s = new ScriptedTurnServer((m, i) -> {
      if (m.messageClass() == StunClass.INDICATION) {
        return ScriptedTurnServer.echoData(m);
      }
      switch (m.method()) {
        case 0x003:
          return ScriptedTurnServer.nonce(m) == null ? ScriptedTurnServer.error(m, 401, "Unauthorized", "n1")
              : ScriptedTurnServer.allocated(m, relayed, new InetSocketAddress("127.0.0.1", 40000));
        case 0x009:
          return ScriptedTurnServer.error(m, 403, "Forbidden", null);
        default:
          return ScriptedTurnServer.success(m);
      }
    })) {
      TurnRelay p = TurnCheck.builder(List.of(s.uri()), "alice", Secret.of("secret")).channelBind(true)
          .budget(Duration.ofSeconds(2)).build().probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertFalse(p.works());
      assertTrue(p.dataRtt().isPresent(), "Send/Data worked before the channel: " + p);
      assertEquals(FindingCatalog.TURN_RELAY_BLOCKED, p.failure().orElseThrow().code());
      assertEquals("channel-bind", p.failure().orElseThrow().step());
      assertEquals(403, p.failure().orElseThrow().errorCode().orElseThrow());
      assertTrue(p.released(), p.toString());
    }
  }

  @Test
  void allocateWhenServerAnswers437ThenRetriedOnceFromAnotherPortAndWorks() throws Exception {
    InetSocketAddress relayed = new InetSocketAddress("127.0.0.1", 49998);
    java.util.concurrent.atomic.AtomicInteger allocates = new java.util.concurrent.atomic.AtomicInteger();
    try (ScriptedTurnServer s = new ScriptedTurnServer((m, i) -> {
      if (m.messageClass() == StunClass.INDICATION) {
        return ScriptedTurnServer.echoData(m);
      }
      if (m.method() == 0x003) {
        if (allocates.getAndIncrement() == 0) {
          return ScriptedTurnServer.error(m, 437, "Allocation Mismatch", null);
        }
        return ScriptedTurnServer.nonce(m) == null ? ScriptedTurnServer.error(m, 401, "Unauthorized", "n1")
            : ScriptedTurnServer.allocated(m, relayed, new InetSocketAddress("127.0.0.1", 40000));
      }
      return ScriptedTurnServer.success(m);
    })) {
      TurnRelay p = TurnCheck.builder(List.of(s.uri()), "alice", Secret.of("secret"))
          .budget(Duration.ofSeconds(2)).build().probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertTrue(p.works(), p.toString());
      assertEquals(3, allocates.get(), "437, then 401 and the authenticated Allocate from the new port");
      assertTrue(p.released(), p.toString());
    }
  }

  @Test
  void allocateWhenServerAnswers437TwiceThenAllocationFailedWith437() throws Exception {
    try (ScriptedTurnServer s = new ScriptedTurnServer((m, i) -> m.method() == 0x003
        ? ScriptedTurnServer.error(m, 437, "Allocation Mismatch", null) : ScriptedTurnServer.success(m))) {
      TurnRelay p = TurnCheck.builder(List.of(s.uri()), "alice", Secret.of("secret"))
          .budget(Duration.ofSeconds(2)).build().probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertFalse(p.works());
      assertEquals(FindingCatalog.TURN_ALLOCATION_FAILED, p.failure().orElseThrow().code());
      assertEquals(437, p.failure().orElseThrow().errorCode().orElseThrow());
      assertEquals(2, s.received.stream().filter(m -> m.method() == 0x003).count(), "one retry, not more");
    }
  }
}
