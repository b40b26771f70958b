package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.sip.SipUri;
import org.xphonediag.stun.turn.TurnUri;
import org.xphonediag.webapi.TrustMaterial;

/** The plan the doctor builds from a profile: what runs, in which stage, and what is skipped and why. */
class DoctorPlanTest {

  private static List<String> ids(DoctorPlan plan) {
    return plan.checks().stream().map(c -> c.id().value()).toList();
  }

  @Test
  void planWhenProfileEmptyThenEveryMainStepSkipsNamingTheMissingInput() throws Exception {
    try (DoctorPlan plan = Doctor.builder(DeploymentProfile.builder().build()).build().plan()) {
      assertEquals(List.of("doctor.profile", "config.files", "acl.lint", "webapi.configured-url", "stun.classic",
          "acl.candidates", "media.ports"), ids(plan));
      CheckResult stun = plan.checks().get(4).run(CheckContext.standalone(CheckCatalog.STUN_CLASSIC,
          Duration.ofSeconds(1)));
      assertEquals(Status.SKIPPED, stun.status());
      assertEquals("the profile has no stunServers, so this step was not judged", stun.summary());
      assertEquals(Stage.MEDIA, plan.stages().get(CheckCatalog.MEDIA_PORTS));
    }
  }

  @Test
  void planWhenTurnServersWithCredentialsThenTurnRelayCheckInMediaStage() throws Exception {
    DeploymentProfile p = DeploymentProfile.builder().turnServer(URI.create("turn:203.0.113.9:3478?transport=udp"))
        .turnUser("xphone").build();
    try (DoctorPlan plan = Doctor.builder(p).turnPassword(Secret.of("turn-secret-value")).build().plan()) {
      assertTrue(ids(plan).contains("turn.relay"), ids(plan).toString());
      assertEquals(Stage.MEDIA, plan.stages().get(CheckCatalog.TURN_RELAY));
    }
    try (DoctorPlan plan = Doctor.builder(p).build().plan()) {
      CheckResult r = plan.checks().stream().filter(c -> c.id().value().equals("turn.relay")).findFirst()
          .orElseThrow().run(CheckContext.standalone(CheckCatalog.TURN_RELAY, Duration.ofSeconds(1)));
      assertEquals(Status.SKIPPED, r.status());
      assertTrue(r.summary().contains("turnUser and a TURN password"), r.summary());
    }
  }

  @Test
  void planWhenWebApiUrlButNoTurnServersThenTurnRelayPlannedForTheWebApiAnswer() throws Exception {
    DeploymentProfile p = DeploymentProfile.builder()
        .webApiUrl(URI.create("https://xphone.example.com/xphoneconnect/webclientapi")).build();
    try (DoctorPlan plan = Doctor.builder(p).build().plan()) {
      assertTrue(ids(plan).contains("turn.relay"), ids(plan).toString());
      assertEquals(Stage.MEDIA, plan.stages().get(CheckCatalog.TURN_RELAY));
    }
  }

  @Test
  void planWhenCaptureAndSipUriGivenThenCaptureStageAndOptionsProbe() throws Exception {
    DeploymentProfile p = DeploymentProfile.builder().capture(Path.of("/nonexistent/call.pcapng"))
        .xccSipUri("sip:127.0.0.1:5060").build();
    try (DoctorPlan plan = Doctor.builder(p).build().plan()) {
      assertEquals(Stage.CAPTURE, plan.stages().get(CheckCatalog.TRACE_CAPTURE));
      assertTrue(ids(plan).contains("sip.options"), ids(plan).toString());
      CheckResult capture = plan.checks().get(plan.checks().size() - 1)
          .run(CheckContext.standalone(CheckCatalog.TRACE_CAPTURE, Duration.ofSeconds(5)));
      assertEquals(Status.ERROR, capture.status());
      assertTrue(capture.summary().contains("/nonexistent/call.pcapng"), capture.summary());
    }
    try (DoctorPlan plan = Doctor.builder(DeploymentProfile.builder().build()).build().plan()) {
      assertFalse(ids(plan).contains("trace.capture"));
    }
  }

  @Test
  void buildWhenProfileInsecureAndTrustGivenThenConflictNamed() {
    DeploymentProfile withTrustFile = DeploymentProfile.builder().insecure(true).trust(Path.of("roots.pem")).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Doctor.builder(withTrustFile).build());
    assertEquals("Doctor: insecure and trust exclude each other; set one of them", e.getMessage());
    DeploymentProfile insecure = DeploymentProfile.builder().insecure(true).build();
    assertThrows(IllegalStateException.class,
        () -> Doctor.builder(insecure).trust(TrustMaterial.platform()).build());
    Doctor.builder(insecure).build();
  }

  @Test
  void profileKeepsItsTurnAndSipUrisTyped() {
    DeploymentProfile p = DeploymentProfile.builder().turnServer(URI.create("turns:turn.example.com?transport=tcp"))
        .xccSipUri("sip:203.0.113.10:5060").build();
    assertEquals(List.of(TurnUri.parse("turns:turn.example.com?transport=tcp")), p.turnServers());
    assertEquals(SipUri.parse("sip:203.0.113.10:5060"), p.xccSipUri().orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> DeploymentProfile.builder().xccSipUri("http://x.example"));
  }
}
