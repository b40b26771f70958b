package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.HostAndPort;

/** The details of the STUN outcomes keep the keys and values the results had before there were outcomes. */
class StunOutcomesTest {

  private static InetSocketAddress a(String ip, int port) {
    return new InetSocketAddress(HostAndPort.parse(ip, port).ipAddress().orElseThrow().toInetAddress(), port);
  }

  @Test
  void stunBindingsDetailsAreTheServersList() {
    StunBinding answered = new StunBinding(HostAndPort.parse("stun.example.com", 3478),
        Optional.of(a("198.51.100.9", 3478)), Optional.of(a("192.168.1.10", 50000)), Optional.of(a("203.0.113.7", 50000)),
        Optional.of(Duration.ofNanos(12_345_678)), 2, Duration.ofMillis(600), Optional.of("coturn"),
        Optional.of(a("198.51.100.9", 3478)), Optional.of(a("198.51.100.10", 3479)),
        new NatBehavior(NatBehavior.Kind.ENDPOINT_INDEPENDENT, NatBehavior.Kind.ADDRESS_DEPENDENT), Optional.empty());
    StunBinding silent = new StunBinding(HostAndPort.parse("10.0.0.1", 3478), Optional.of(a("10.0.0.1", 3478)),
        Optional.of(a("10.0.0.2", 40000)), Optional.empty(), Optional.empty(), 7, Duration.ofSeconds(5),
        Optional.empty(), Optional.empty(), Optional.empty(), NatBehavior.unknown(),
        Optional.of("no STUN response from 10.0.0.1:3478/udp after 7 transmissions in 5 s"));
    Details expected = Details.of("servers", List.of(
        Details.builder().put("server", "stun.example.com:3478").put("resolvedAddress", "198.51.100.9:3478")
            .put("mappedAddress", "203.0.113.7:50000").put("rttMs", 12.35).put("transmissions", 2)
            .put("localAddress", "192.168.1.10:50000").put("software", "coturn")
            .put("responseOrigin", "198.51.100.9:3478").put("otherAddress", "198.51.100.10:3479")
            .put("natMapping", "endpoint-independent").put("natFiltering", "address-dependent").build(),
        Details.builder().put("server", "10.0.0.1:3478").put("resolvedAddress", "10.0.0.1:3478")
            .put("transmissions", 7).put("localAddress", "10.0.0.2:40000").put("natMapping", "unknown")
            .put("natFiltering", "unknown")
            .put("failure", "no STUN response from 10.0.0.1:3478/udp after 7 transmissions in 5 s").build()));
    StunBindings bindings = new StunBindings(List.of(answered, silent));
    assertEquals(expected, bindings.details());
    assertEquals(List.of(answered), bindings.answered());
  }

  @Test
  void iceAnswerDetailsOfASuccess() {
    IceAnswer r = new IceAnswer(IceAnswer.Kind.SUCCESS, a("203.0.113.5", 30000), Optional.of(a("198.51.100.1", 50000)),
        Optional.empty(), Optional.empty(), Verification.VALID, Optional.of(Duration.ofNanos(3_456_789)), 1,
        Duration.ofMillis(4), 2);
    assertEquals(Details.builder().put("target", "203.0.113.5:30000/udp").put("response", "success")
        .put("mappedAddress", "198.51.100.1:50000").put("rttMs", 3.46).put("integrity", "valid")
        .put("transmissions", 1).put("ignored", 2).build(), r.details());
  }

  @Test
  void iceAnswerDetailsOfARejectionAndOfSilence() {
    IceAnswer rejected = new IceAnswer(IceAnswer.Kind.ERROR, a("203.0.113.5", 30000), Optional.empty(),
        Optional.of(401), Optional.of("Unauthorized"), Verification.ABSENT, Optional.of(Duration.ofMillis(2)), 1,
        Duration.ofMillis(2), 0);
    assertEquals(Details.builder().put("target", "203.0.113.5:30000/udp").put("response", "error")
        .put("rttMs", 2.0).put("errorCode", 401).put("errorReason", "Unauthorized").put("integrity", "absent")
        .put("transmissions", 1).put("ignored", 0).build(), rejected.details());
    IceAnswer silent = new IceAnswer(IceAnswer.Kind.SILENT, a("203.0.113.5", 30000), Optional.empty(),
        Optional.empty(), Optional.empty(), Verification.ABSENT, Optional.empty(), 7, Duration.ofSeconds(5), 0);
    assertEquals(Details.builder().put("target", "203.0.113.5:30000/udp").put("response", "none")
        .put("transmissions", 7).put("ignored", 0).build(), silent.details());
  }

  @Test
  void portSweepDetailsHoldHostPortsCountsAndErrorCodesByPort() {
    PortSweep r = new PortSweep("203.0.113.5", List.of(30000), List.of(30003, 30001), List.of(30002), List.of(30004),
        List.of(30005), Map.of(30003, 401, 30001, 400), List.of(), 12, 3, Duration.ofMillis(1500));
    Details ports = Details.builder().put("answered", List.of(30000)).put("rejected", List.of(30003, 30001))
        .put("silent", List.of(30002)).put("unreachable", List.of(30004)).put("unprobed", List.of(30005))
        .put("counts", Details.builder().put("answered", 1).put("rejected", 2).put("silent", 1).put("unreachable", 1)
            .put("unprobed", 1).put("total", 6).build())
        .build();
    assertEquals(ports, r.portsDetails());
    assertEquals(Details.builder().put("host", "203.0.113.5").put("ports", ports).put("packetsSent", 12L)
        .put("ignored", 3L).put("elapsedMs", 1500L)
        .put("errorCodes", List.of(Details.of("port", 30001, "errorCode", 400), Details.of("port", 30003, "errorCode", 401)))
        .build(), r.details());
  }

  @Test
  void portSweepDetailsWithoutRejectionsHaveNoErrorCodes() {
    PortSweep r = new PortSweep("::1", List.of(), List.of(), List.of(), List.of(), List.of(1), Map.of(), List.of(), 0,
        0, Duration.ZERO);
    assertEquals(List.of("host", "ports", "packetsSent", "ignored", "elapsedMs"), List.copyOf(r.details().asMap().keySet()));
  }
}
