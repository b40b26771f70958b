package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.testkit.stun.StunResponder;

class StunBindingCheckIT {
  private static final RetransmissionPolicy FAST = new RetransmissionPolicy(Duration.ofMillis(50), 7, 4);

  private static HostAndPort hp(InetSocketAddress a) {
    return HostAndPort.of(a);
  }

  private static StunBindingCheck.Builder check(HostAndPort... servers) {
    return StunBindingCheck.builder(List.of(servers)).policy(FAST);
  }

  @Test
  void bindWhenServerAnswersThenMappedAddressRttSoftwareAndOrigin() throws Exception {
    try (StunResponder r = StunResponder.builder().software("lab 1.0").start()) {
      StunBindingCheck c = StunBindingCheck.builder(List.of(hp(r.address()))).build(); // RFC 8489 RTO 500 ms
      List<StunBinding> bs = c.bind(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(1, bs.size());
      StunBinding b = bs.get(0);
      assertEquals(b.localAddress().orElseThrow(), b.mappedAddress().orElseThrow());
      assertEquals("lab 1.0", b.software().orElseThrow());
      assertEquals(r.address(), b.responseOrigin().orElseThrow());
      assertEquals(1, b.transmissions());
      assertEquals(NatBehavior.unknown(), b.nat());
      CheckResult cr = c.run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.PASS, cr.status(), cr.toString());
      Details server = ((List<?>) cr.details().get("servers").orElseThrow()).stream().map(Details.class::cast)
          .findFirst().orElseThrow();
      assertEquals(hp(r.address()).toString(), server.get("server").orElseThrow());
      assertTrue(server.get("rttMs").isPresent());
      assertEquals("unknown", server.get("natMapping").orElseThrow());
    }
  }

  @Test
  void bindWhenServerSilentThenUnreachableNamingTargetTransmissionsAndTime() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).start()) {
      CheckResult cr = check(hp(r.address())).budget(Duration.ofMillis(500)).build()
          .run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.FAIL, cr.status());
      Finding f = cr.findings().get(0);
      assertEquals("stun.unreachable", f.code());
      assertTrue(f.message().matches("no STUN response from 127\\.0\\.0\\.1:\\d+/udp after [45] transmissions in "
          + "[45]\\d\\d ms"), f.message());
      assertEquals(r.requestsReceived(), f.evidence().get("transmissions").orElseThrow());
    }
  }

  @Test
  void bindWhenPortClosedThenUnreachableByIcmp() throws Exception {
    InetSocketAddress closed;
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closed = (InetSocketAddress) ch.getLocalAddress();
    }
    CheckResult cr = check(hp(closed)).build().run(Contexts.of(Duration.ofSeconds(5)));
    assertTrue(cr.hasFinding("stun.unreachable"));
    assertTrue(cr.findings().get(0).message().startsWith("ICMP port unreachable from 127.0.0.1:"),
        cr.findings().get(0).message());
  }

  @Test
  void bindWhenServersSeeDifferentPublicAddressesThenMultiplePublicAddresses() throws Exception {
    try (StunResponder a = StunResponder.builder().reportedAddress(new InetSocketAddress("198.51.100.1", 40000)).start();
        StunResponder b = StunResponder.builder().reportedAddress(new InetSocketAddress("198.51.100.2", 40000))
            .start()) {
      CheckResult cr = check(hp(a.address()), hp(b.address())).build().run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.WARN, cr.status(), cr.toString());
      assertTrue(cr.hasFinding("stun.multiple-public-addresses"));
      assertTrue(cr.hasFinding("stun.port-not-preserved"));
    }
  }

  @Test
  void bindWhenHostResolvesToIpv4AndIpv6ThenEachAddressQueried() throws Exception {
    try (StunResponder v4 = StunResponder.builder().start()) {
      int port = v4.address().getPort();
      try (StunResponder v6 = StunResponder.builder().host(InetAddress.getByName("::1")).port(port).start()) {
        StunBindingCheck c = check(new HostAndPort("stun.lab.test", port))
            .resolver(h -> List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))).build();
        List<StunBinding> bs = c.bind(Contexts.of(Duration.ofSeconds(5)));
        assertEquals(2, bs.size());
        assertTrue(bs.stream().allMatch(StunBinding::answered), bs.toString());
        assertEquals("stun.lab.test:" + port, bs.get(1).server().toString());
      }
    }
  }

  @Test
  void bindWhenHostDoesNotResolveThenUnreachableSayingSo() throws Exception {
    CheckResult cr = check(new HostAndPort("nowhere.lab.test", 3478))
        .resolver(h -> {
          throw new UnknownHostException(h + ": no A or AAAA record");
        }).build().run(Contexts.of(Duration.ofSeconds(5)));
    assertEquals(Status.FAIL, cr.status());
    assertTrue(cr.findings().get(0).message().startsWith("cannot resolve nowhere.lab.test"),
        cr.findings().get(0).message());
  }

  @Test
  void bindWhenServerOffersOtherAddressThenNatBehaviourDiscovered() throws Exception {
    try (StunResponder r = StunResponder.builder().rfc5780(InetAddress.getByName("127.0.0.2")).start()) {
      StunBinding b = check(hp(r.address())).build().bind(Contexts.of(Duration.ofSeconds(5))).get(0);
      assertEquals(new InetSocketAddress("127.0.0.2", r.addresses().get(1).getPort()), b.otherAddress().orElseThrow());
      assertEquals(new NatBehavior(NatBehavior.Kind.NO_NAT, NatBehavior.Kind.ENDPOINT_INDEPENDENT), b.nat());
    }
  }

  @Test
  void bindWhenChangeRequestsUnansweredThenFilteringAddressAndPortDependent() throws Exception {
    try (StunResponder r = StunResponder.builder().rfc5780(InetAddress.getByName("127.0.0.2"))
        .reportedAddress(new InetSocketAddress("198.51.100.7", 50000)).ignoreChangeRequests(true).start()) {
      StunBinding b = check(hp(r.address())).budget(Duration.ofSeconds(1)).build()
          .bind(Contexts.of(Duration.ofSeconds(5))).get(0);
      assertEquals(new NatBehavior(NatBehavior.Kind.ENDPOINT_INDEPENDENT, NatBehavior.Kind.ADDRESS_AND_PORT_DEPENDENT),
          b.nat());
    }
  }

  @Test
  void bindWhenCancelledThenInterrupted() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).start()) {
      Contexts ctx = Contexts.of(Duration.ofSeconds(30));
      ctx.cancelled.set(true);
      assertThrows(InterruptedException.class,
          () -> check(hp(r.address())).budget(Duration.ofSeconds(30)).build().bind(ctx));
    }
  }

  @Test
  void bindOverTcpWhenPortClosedThenRefused() throws Exception {
    int port;
    try (java.nio.channels.ServerSocketChannel ss = java.nio.channels.ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
    }
    CheckResult cr = check(new HostAndPort("127.0.0.1", port)).tcp(true).build().run(Contexts.of(Duration.ofSeconds(5)));
    assertEquals(Status.FAIL, cr.status());
    assertTrue(cr.findings().get(0).message().startsWith("connection refused by 127.0.0.1:" + port + "/tcp"),
        cr.findings().get(0).message());
  }

  @Test
  void bindOverTcpWhenServerAcceptsButNeverAnswersThenTimesOutAtBudget() throws Exception {
    try (java.nio.channels.ServerSocketChannel ss = java.nio.channels.ServerSocketChannel.open()) {
      ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) ss.getLocalAddress()).getPort();
      long t0 = System.nanoTime();
      CheckResult cr = check(new HostAndPort("127.0.0.1", port)).tcp(true).budget(Duration.ofMillis(300)).build()
          .run(Contexts.of(Duration.ofSeconds(5)));
      assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
      assertTrue(cr.findings().get(0).message().startsWith("no STUN response from 127.0.0.1:" + port
          + "/tcp after 1 transmission in"), cr.findings().get(0).message());
    }
  }

  @Test
  void builderWhenNoServersThenRejects() {
    assertThrows(IllegalArgumentException.class, () -> StunBindingCheck.builder(List.of()));
  }
}
