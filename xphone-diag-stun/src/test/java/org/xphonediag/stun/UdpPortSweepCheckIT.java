package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.stun.StunResponder;

class UdpPortSweepCheckIT {
  private static final Secret PWD = Secret.of("sweepPassword");
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final RetransmissionPolicy FAST = new RetransmissionPolicy(Duration.ofMillis(50), 3, 4);

  /** Binds {@code behaviors} on consecutive free ports; closed (unbound) ports where the entry is null. */
  static StunResponder lab(StunResponder.Behavior... behaviors) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 60000);
      StunResponder.Builder b = StunResponder.builder().ice("xcc", PWD).errorCode(487);
      for (int i = 0; i < behaviors.length; i++) {
        if (behaviors[i] != null) {
          b.port(base + i, behaviors[i]);
        }
      }
      try {
        StunResponder r = b.start();
        if (r.addresses().get(0).getPort() == base || behaviors[0] == null) {
          return r;
        }
        r.close();
      } catch (IOException e) {
        // a port of this range is taken: try another
      }
    }
    throw new IOException("no free range of " + behaviors.length + " loopback ports found");
  }

  static int base(StunResponder r, StunResponder.Behavior[] behaviors) {
    int first = 0;
    while (behaviors[first] == null) {
      first++;
    }
    return r.addresses().get(0).getPort() - first;
  }

  @Test
  void sweepWhenPortsMixedThenEachOutcomeListedAndCounted() throws Exception {
    StunResponder.Behavior a = StunResponder.Behavior.ANSWER;
    StunResponder.Behavior e = StunResponder.Behavior.ERROR;
    StunResponder.Behavior s = StunResponder.Behavior.SILENT;
    StunResponder.Behavior w = StunResponder.Behavior.WRONGLY_SIGNED;
    StunResponder.Behavior[] plan = {a, a, e, s, s, null, null, w};
    try (StunResponder r = lab(plan)) {
      int base = base(r, plan);
      UdpPortSweepCheck sweep = UdpPortSweepCheck.builder(LOOPBACK, base, base + plan.length - 1)
          .ice("xcc", PWD, "phone").policy(FAST).budget(Duration.ofSeconds(3)).build();
      Contexts ctx = Contexts.of(Duration.ofSeconds(10));
      CheckResult cr = sweep.run(ctx);
      Details ports = (Details) cr.details().get("ports").orElseThrow();
      assertEquals(List.of(base, base + 1, base + 7), ports.get("answered").orElseThrow());
      assertEquals(List.of(base + 2), ports.get("rejected").orElseThrow());
      assertEquals(List.of(base + 3, base + 4), ports.get("silent").orElseThrow());
      assertEquals(List.of(base + 5, base + 6), ports.get("unreachable").orElseThrow());
      Details counts = (Details) ports.get("counts").orElseThrow();
      assertEquals(3, counts.get("answered").orElseThrow());
      assertEquals(8, counts.get("total").orElseThrow());
      assertEquals(Status.FAIL, cr.status());
      for (String code : List.of("media.binding-rejected", "media.port-unreachable", "media.port-silent",
          "stun.integrity-invalid")) {
        assertTrue(cr.hasFinding(code), code + " in " + cr);
      }
      assertEquals(8, ctx.lastTotal.get());
      assertEquals(8, ctx.lastDone.get());
      // Silent ports get all Rc=3 transmissions; an answering port gets one more only when its answer
      // is slower than the retransmission timeout (a loaded machine), never more than Rc.
      int received = r.requestsReceived();
      assertTrue(received >= 3 + 1 + 2 * 3 && received <= 6 * 3,
          "expected 10 transmissions (at most 18 under load) but the responder saw " + received);
    }
  }

  @Test
  void sweepWhenAllAnswerThenPassAndFinishesEarly() throws Exception {
    StunResponder.Behavior[] plan = new StunResponder.Behavior[20];
    java.util.Arrays.fill(plan, StunResponder.Behavior.ANSWER);
    try (StunResponder r = lab(plan)) {
      int base = base(r, plan);
      UdpPortSweepCheck sweep = UdpPortSweepCheck.builder(LOOPBACK, base, base + 19).ice("xcc", PWD, "phone").build();
      PortSweep res = sweep.sweep(Contexts.of(Duration.ofSeconds(10)));
      assertEquals(20, res.answered().size());
      assertTrue(res.elapsed().compareTo(Duration.ofSeconds(2)) < 0, res.elapsed().toString());
      assertEquals(Status.PASS, sweep.run(Contexts.of(Duration.ofSeconds(10))).status());
    }
  }

  @Test
  void sweepWhenUnpacedThenEveryPortProbed() throws Exception {
    StunResponder.Behavior[] plan = new StunResponder.Behavior[30];
    java.util.Arrays.fill(plan, StunResponder.Behavior.ANSWER);
    try (StunResponder r = lab(plan)) {
      int base = base(r, plan);
      PortSweep res = UdpPortSweepCheck.builder(LOOPBACK, base, base + 29).ice("xcc", PWD, "phone").unpaced().build()
          .sweep(Contexts.of(Duration.ofSeconds(10)));
      assertEquals(30, res.answered().size(), res.toString());
      assertEquals(List.of(), res.unprobed());
    }
  }

  @Test
  void sweepWhenClassicBindingThenAnsweredWithoutCredentials() throws Exception {
    try (StunResponder r = StunResponder.builder().start()) {
      int port = r.address().getPort();
      PortSweep res = UdpPortSweepCheck.builder(LOOPBACK, port, port).build().sweep(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(List.of(port), res.answered());
      assertEquals(Map.of(), res.errorCodes());
    }
  }

  @Test
  void sweepWhenBudgetTooShortThenStopsAtBudgetAndListsUnprobed() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).start()) {
      int port = r.address().getPort();
      int from = Math.max(1, port - 500);
      UdpPortSweepCheck sweep = UdpPortSweepCheck.builder(LOOPBACK, from, from + 999).rate(200)
          .budget(Duration.ofMillis(300)).build();
      long t0 = System.nanoTime();
      PortSweep res = sweep.sweep(Contexts.of(Duration.ofSeconds(10)));
      assertTrue(System.nanoTime() - t0 < 1_500_000_000L, "sweep must end near its 300 ms budget");
      assertTrue(res.unprobed().size() > 800, "at 200 pps only ~60 ports fit in 300 ms: " + res.unprobed().size());
      assertEquals(1000, res.total());
    }
  }

  @Test
  void sweepWhenCancelledThroughProgressThenInterrupted() throws Exception {
    try (StunResponder r = StunResponder.builder().behavior(StunResponder.Behavior.SILENT).start()) {
      int port = r.address().getPort();
      int from = Math.max(1, port - 500);
      Contexts[] holder = new Contexts[1];
      holder[0] = new Contexts(Duration.ofSeconds(30), () -> holder[0].cancelled.set(true));
      UdpPortSweepCheck sweep = UdpPortSweepCheck.builder(LOOPBACK, from, from + 999).rate(1000)
          .budget(Duration.ofSeconds(30)).build();
      long t0 = System.nanoTime();
      assertThrows(InterruptedException.class, () -> sweep.sweep(holder[0]));
      assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }
  }

  @Test
  void builderWhenMulticastBroadcastOrPortZeroThenRefuses() throws Exception {
    assertThrows(IllegalArgumentException.class,
        () -> UdpPortSweepCheck.builder(InetAddress.getByName("224.0.0.1"), 1000, 1001));
    assertThrows(IllegalArgumentException.class,
        () -> UdpPortSweepCheck.builder(InetAddress.getByName("255.255.255.255"), 1000, 1001));
    assertThrows(IllegalArgumentException.class,
        () -> UdpPortSweepCheck.builder(InetAddress.getByName("ff02::1"), 1000, 1001));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UdpPortSweepCheck.builder(LOOPBACK, 0, 10));
    assertEquals("port range must be within 1..65535 with from <= to but was 0-10", e.getMessage());
  }
}
