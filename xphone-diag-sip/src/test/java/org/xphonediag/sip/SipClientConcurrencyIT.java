package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.sip.SipResponder;

/**
 * Many probes at once in one JVM, as in a fleet of doctor runs: each ends by its own deadline, the
 * answered and the refused ones at once, the silent ones at their deadline, none waits for another,
 * and none is stopped by the runner for overrunning its budget.
 */
class SipClientConcurrencyIT {
  private static final int PER_KIND = 16;
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  /** Slack for a loaded 2-core machine; probes that waited for one another would need 16 x 1.5 s. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  @Test
  void checksWhenManyRunAtOnceThenEachEndsByItsOwnDeadline() throws Exception {
    StackThreads threads = StackThreads.snapshot();
    List<SipResponder> responders = new ArrayList<>();
    List<SipRequestCheck> checks = new ArrayList<>();
    try {
      for (int i = 0; i < PER_KIND; i++) {
        SipResponder answering = SipResponder.builder().optionsStatus(200).start();
        SipResponder silent = SipResponder.builder().optionsSilent().start();
        responders.add(answering);
        responders.add(silent);
        checks.add(check("answering-" + i, SipUri.parse(answering.uri("udp"))));
        checks.add(check("silent-" + i, SipUri.parse(silent.uri("udp"))));
        checks.add(check("closed-" + i, SipUri.parse("sip:127.0.0.1:" + closedUdpPort())));
      }
      long start = System.nanoTime();
      Report report;
      try (DiagRunner runner = DiagRunner.builder().parallelism(checks.size()).build()) {
        report = runner.run("fleet", checks);
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      for (CheckResult r : report.results()) {
        String id = r.id().value();
        List<String> codes = r.findings().stream().map(Finding::code).toList();
        if (id.startsWith("sip.answering")) {
          assertEquals(Status.PASS, r.status(), id + ": " + r);
          assertTrue(r.elapsed().compareTo(Duration.ofSeconds(1)) < 0, id + " took " + r.elapsed());
        } else if (id.startsWith("sip.closed")) {
          assertEquals(List.of("network.port-closed"), codes, id + ": " + r);
          assertTrue(r.elapsed().compareTo(Duration.ofSeconds(1)) < 0, id + " took " + r.elapsed());
        } else {
          assertEquals(List.of("sip.no-answer"), codes, id + ": " + r);
          assertTrue(r.elapsed().compareTo(TIMEOUT.minusMillis(50)) > 0, id + " took " + r.elapsed());
          assertTrue(r.elapsed().compareTo(TIMEOUT.plus(SLACK)) < 0, id + " took " + r.elapsed());
        }
      }
      assertEquals(3 * PER_KIND, report.results().size());
      assertTrue(wall.compareTo(TIMEOUT.plus(SLACK).plus(SLACK)) < 0, "all probes took " + wall);
    } finally {
      responders.forEach(SipResponder::close);
    }
    threads.assertNoneLeft();
  }

  private static SipRequestCheck check(String name, SipUri uri) {
    return SipRequestCheck.of(CheckId.of("sip." + name), SipClient.builder(uri).timeout(TIMEOUT).build());
  }

  private static int closedUdpPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
