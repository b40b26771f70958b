package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.Contexts;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.Verification;

/** The TURN client's protocol corners against a scripted UDP server: 438, 508, release on cancel. */
class TurnSessionIT {
  private static final InetSocketAddress RELAYED = new InetSocketAddress("127.0.0.1", 49999);

  private static TurnCheck check(ScriptedTurnServer s) {
    return TurnCheck.builder(List.of(s.uri()), "alice", Secret.of("secret")).budget(Duration.ofSeconds(2)).build();
  }

  /** 401 to the first Allocate, then {@code authenticated} for the rest of the Allocates; relays data. */
  private static BiFunction<StunMessage, Integer, byte[]> script(BiFunction<StunMessage, Integer, byte[]> allocate) {
    return (m, i) -> {
      if (m.messageClass() == StunClass.INDICATION) {
        return ScriptedTurnServer.echoData(m);
      }
      switch (m.method()) {
        case 0x003:
          return ScriptedTurnServer.nonce(m) == null ? ScriptedTurnServer.error(m, 401, "Unauthorized", "n1")
              : allocate.apply(m, i);
        case 0x004:
        case 0x008:
          return ScriptedTurnServer.success(m);
        default:
          return null;
      }
    };
  }

  @Test
  void staleNonceOnceThenRetriedWithFreshNonceAndRelayWorks() throws Exception {
    try (ScriptedTurnServer s = new ScriptedTurnServer(script((m, i) -> "n1".equals(ScriptedTurnServer.nonce(m))
        ? ScriptedTurnServer.error(m, 438, "Stale Nonce", "n2")
        : ScriptedTurnServer.allocated(m, RELAYED, new InetSocketAddress("127.0.0.1", 40000))))) {
      TurnRelay p = check(s).probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertTrue(p.works(), p.toString());
      assertEquals(RELAYED, p.relayedAddress().orElseThrow());
      assertEquals(Duration.ofSeconds(600), p.lifetime().orElseThrow());
      assertTrue(p.released());
      List<String> nonces = s.received.stream().filter(m -> m.method() == 0x003).map(ScriptedTurnServer::nonce)
          .toList();
      assertEquals(java.util.Arrays.asList(null, "n1", "n2"), nonces);
      assertTrue(s.received.stream().filter(m -> m.messageClass() == StunClass.REQUEST && m.method() != 0x003
          || "n2".equals(ScriptedTurnServer.nonce(m))).allMatch(m -> m.integrity() == Verification.VALID),
          "every authenticated request must carry a valid MESSAGE-INTEGRITY: " + s.received);
    }
  }

  @Test
  void staleNonceTwiceThenAuthFailed() throws Exception {
    try (ScriptedTurnServer s = new ScriptedTurnServer(script((m, i) -> ScriptedTurnServer.error(m, 438,
        "Stale Nonce", "n" + (i + 2))))) {
      TurnRelay p = check(s).probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertEquals(FindingCatalog.TURN_AUTH_FAILED, p.failure().orElseThrow().code());
      assertEquals(438, p.failure().orElseThrow().errorCode().orElseThrow());
      assertEquals(3, s.received.size(), "one unauthenticated Allocate, one with the first nonce, one retry");
    }
  }

  @Test
  void insufficientCapacityThenAllocationFailed508() throws Exception {
    try (ScriptedTurnServer s = new ScriptedTurnServer(script((m, i) -> ScriptedTurnServer.error(m, 508,
        "Insufficient Capacity", null)))) {
      TurnRelay p = check(s).probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertEquals(FindingCatalog.TURN_ALLOCATION_FAILED, p.failure().orElseThrow().code());
      assertEquals(508, p.failure().orElseThrow().errorCode().orElseThrow());
      assertTrue(p.failure().orElseThrow().message().contains("508 Insufficient Capacity"), p.toString());
      assertFalse(p.released(), "no allocation, nothing to release");
      assertTrue(s.received.stream().noneMatch(m -> m.method() == 0x004), "no Refresh without an allocation");
    }
  }

  @Test
  void cancelledAfterAllocationThenRefreshZeroStillSent() throws Exception {
    Contexts ctx = Contexts.of(Duration.ofSeconds(5));
    try (ScriptedTurnServer s = new ScriptedTurnServer((m, i) -> {
      if (m.method() == 0x003) {
        return ScriptedTurnServer.nonce(m) == null ? ScriptedTurnServer.error(m, 401, "Unauthorized", "n1")
            : ScriptedTurnServer.allocated(m, RELAYED, new InetSocketAddress("127.0.0.1", 40000));
      }
      if (m.method() == 0x008) {
        ctx.cancelled.set(true); // cancelled while CreatePermission is pending; never answered
        return null;
      }
      return m.method() == 0x004 ? ScriptedTurnServer.success(m) : null;
    })) {
      assertThrows(InterruptedException.class, () -> check(s).run(ctx));
      StunMessage refresh = s.received.stream().filter(m -> m.method() == 0x004).findFirst().orElseThrow(
          () -> new AssertionError("no Refresh after cancellation: " + s.received));
      assertEquals(0, ScriptedTurnServer.lifetime(refresh));
      assertEquals(Verification.VALID, refresh.integrity());
    }
  }

  @Test
  void relayThatNeverAnswersDataThenRelayBlockedAndReleased() throws Exception {
    try (ScriptedTurnServer s = new ScriptedTurnServer((m, i) -> {
      if (m.messageClass() == StunClass.INDICATION) {
        return null;
      }
      return script((x, j) -> ScriptedTurnServer.allocated(x, RELAYED, new InetSocketAddress("127.0.0.1", 40000)))
          .apply(m, i);
    })) {
      TurnRelay p = check(s).probe(Contexts.of(Duration.ofSeconds(3))).get(0);
      assertEquals(FindingCatalog.TURN_RELAY_BLOCKED, p.failure().orElseThrow().code());
      assertEquals("data", p.failure().orElseThrow().step());
      assertTrue(p.released(), p.toString());
      assertEquals(0, ScriptedTurnServer.lifetime(s.received.stream().filter(m -> m.method() == 0x004).findFirst()
          .orElseThrow()));
    }
  }
}
