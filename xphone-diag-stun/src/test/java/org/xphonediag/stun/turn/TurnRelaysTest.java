package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;

/** The details of {@link TurnRelays} keep the keys and values the {@code turn.relay} result had before. */
class TurnRelaysTest {

  @Test
  void detailsAreTheRelaysThenTheTransportsThatWork() {
    TurnRelay works = new TurnRelay(TurnUri.parse("turn:198.51.100.3"), Optional.of(new InetSocketAddress("198.51.100.3",
        3478)), Optional.of("example.com"), Optional.of("coturn"), Optional.of(new InetSocketAddress("198.51.100.3",
        49152)), Optional.of(new InetSocketAddress("203.0.113.7", 50000)), Optional.of(Duration.ofSeconds(600)),
        Optional.of(Duration.ofNanos(1_234_567)), Optional.of(new InetSocketAddress("203.0.113.7", 50001)),
        Optional.of(Duration.ofNanos(2_000_400)), Optional.empty(), 1, true, Optional.empty());
    TurnRelay refused = new TurnRelay(TurnUri.parse("turn:198.51.100.3?transport=tcp"), Optional.of(
        new InetSocketAddress("198.51.100.3", 3478)), Optional.of("example.com"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), -1,
        false, Optional.of(new TurnRelay.Failure(FindingCatalog.TURN_AUTH_FAILED, "401 from 198.51.100.3:3478/tcp",
        Optional.of(401), "allocate")));
    Details expected = Details.builder()
        .put("relays", List.of(
            Details.builder().put("uri", "turn:198.51.100.3:3478?transport=udp").put("transport", "udp")
                .put("server", "198.51.100.3:3478").put("realm", "example.com").put("software", "coturn")
                .put("relayedAddress", "198.51.100.3:49152").put("mappedAddress", "203.0.113.7:50000")
                .put("lifetimeSeconds", 600L).put("allocationRttMs", 1.235).put("peer", "203.0.113.7:50001")
                .put("dataRttMs", 2.0).put("peerReceived", 1).put("released", true).put("works", true).build(),
            Details.builder().put("uri", "turn:198.51.100.3:3478?transport=tcp").put("transport", "tcp")
                .put("server", "198.51.100.3:3478").put("realm", "example.com").put("works", false)
                .put("failure", "turn.auth-failed").put("failedStep", "allocate").put("errorCode", 401).build()))
        .put("transports", Details.builder().put("udp", true).put("tcp", false).build())
        .build();
    assertEquals(expected, new TurnRelays(List.of(works, refused)).details());
  }
}
