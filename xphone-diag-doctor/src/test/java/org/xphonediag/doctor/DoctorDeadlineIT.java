package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.sip.SipResponder;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * The doctor with run deadlines shorter than its default check budget of 30 s, against a lab whose
 * XCC never answers SIP: the budgets are cut to the deadline instead of the build failing, the run
 * ends by the deadline plus the stop grace, the SIP probe (5 s by default) ends at the run deadline
 * with its own finding, and whatever the deadline cut short names it.
 */
class DoctorDeadlineIT {
  /** The stop grace (at most 2 s) plus closing the plan's sessions, on a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(4);

  @Test
  void runWhenDeadlineOf5sThenEveryCheckEndsWithItsOwnResult() throws Exception {
    Report report = run(Lab.builder(Scenario.HEALTHY), Duration.ofSeconds(5));
    assertSipProbeEndedAtTheDeadline(report);
    for (CheckResult r : report.results()) {
      if (!r.id().equals(CheckCatalog.SIP_OPTIONS)) {
        // the healthy lab answers in well under a second
        assertTrue(r.status() == Status.PASS || r.status() == Status.WARN || r.status() == Status.SKIPPED
            && !r.summary().contains("run deadline"), r.toString());
      }
    }
  }

  @Test
  void runWhenDeadlineOf1sAndLoginStallsThenEveryCheckEndsByItOrNamesIt() throws Exception {
    Report report = run(Lab.builder(Scenario.HEALTHY).loginStalls(), Duration.ofSeconds(1));
    for (CheckResult r : report.results()) {
      if (r.status() == Status.ERROR) {
        assertEquals("stopped at the run deadline of 1 s", r.summary(), r.toString());
      }
      if (r.summary().contains("run deadline")) {
        assertTrue(r.status() == Status.ERROR || r.summary().equals("run deadline of 1 s reached before it started"),
            r.toString());
        assertTrue(report.notes().contains("run deadline of 1 s reached"), report.notes().toString());
      }
    }
    // the stalled login ends at the run deadline, with its own finding or stopped there; the hub behind
    // it never starts (its prerequisite failed, or the deadline passed first)
    CheckResult login = report.result(CheckCatalog.WEBAPI_AUTH).orElseThrow();
    assertTrue(login.status() == Status.ERROR || login.findings().stream().map(Finding::code).toList()
        .equals(List.of("webapi.auth-failed")), login.toString());
    assertEquals(Status.SKIPPED, report.result(CheckCatalog.SIGNALR_HUB).orElseThrow().status());
    CheckResult sip = report.result(CheckCatalog.SIP_OPTIONS).orElseThrow();
    if (!sip.summary().equals("run deadline of 1 s reached before it started")) {
      assertSipProbeEndedAtTheDeadline(report);
    }
  }

  /** The SIP probe's own 5 s timeout is cut to what is left of the run: it ends there with its own finding. */
  private static void assertSipProbeEndedAtTheDeadline(Report report) {
    CheckResult sip = report.result(CheckCatalog.SIP_OPTIONS).orElseThrow();
    assertEquals(Status.FAIL, sip.status(), sip.toString());
    assertEquals(List.of("sip.no-answer"), sip.findings().stream().map(Finding::code).toList());
  }

  private static Report run(Lab.Builder lab, Duration deadline) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (Lab web = lab.start();
        StunResponder stun = StunResponder.builder().host(loopback)
            .reportedAddress(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 0)).start();
        StunResponder media = StunResponder.builder().host(loopback).start();
        SipResponder xcc = SipResponder.builder().optionsSilent().start()) {
      int mediaPort = media.address().getPort();
      DeploymentProfile profile = DeploymentProfile.builder().webApiUrl(URI.create(web.webApiUrl()))
          .mobileUrl(URI.create(web.mobileUrl())).user(web.user()).stunServer(HostAndPort.of(stun.address()))
          .xccAddress(loopback.getHostAddress()).xccMediaPorts(new PortRange(mediaPort, mediaPort))
          .xccSipUri(xcc.uri("udp")).build();
      Doctor doctor = Doctor.builder(profile).password(Secret.of(web.password())).resolver(web.resolver())
          .trust(web.trust()).runDeadline(deadline).build();
      long start = System.nanoTime();
      Report report = doctor.run(DiagListener.none());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(deadline.plus(SLACK)) < 0, "took " + took);
      return report;
    }
  }
}
