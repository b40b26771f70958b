package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;

/** The doctor's typed flow and next steps against the lab, and the report data written from them. */
class DoctorReportIT {

  private static DoctorReport diagnose(Lab lab) {
    DeploymentProfile profile = DeploymentProfile.builder().name("lab").webApiUrl(URI.create(lab.webApiUrl()))
        .mobileUrl(URI.create(lab.mobileUrl())).user(lab.user()).build();
    return Doctor.builder(profile).password(Secret.of(lab.password())).resolver(lab.resolver()).trust(lab.trust())
        .runDeadline(Duration.ofSeconds(60)).signalRWait(Duration.ofSeconds(2)).build()
        .diagnose(DiagListener.none());
  }

  @Test
  void diagnoseWhenBackendDownThenSignallingFailsAndNextStepNamesTheCredentials() throws Exception {
    try (Lab lab = Lab.start(Scenario.BACKEND_DOWN)) {
      DoctorReport walked = diagnose(lab);
      Report report = walked.report();
      assertEquals(List.of(Stage.CONFIGURATION, Stage.SIGNALLING, Stage.MEDIA),
          walked.flow().stream().map(DoctorReport.FlowStage::stage).toList());
      DoctorReport.FlowStage signalling = walked.flow().get(1);
      assertEquals(Status.FAIL, signalling.status());
      assertTrue(signalling.checks().stream().map(CheckResult::id).toList().contains(CheckCatalog.WEBAPI_AUTH),
          signalling.toString());
      assertTrue(walked.nextSteps().stream().anyMatch(s -> s.startsWith("Check the user's credentials")),
          walked.nextSteps().toString());
      assertEquals(walked.nextSteps(), report.data().get("nextSteps").orElseThrow());
      assertEquals(walked.flow().stream().map(DoctorReport.FlowStage::details).toList(),
          report.data().get("flow").orElseThrow());
    }
  }

  @Test
  void diagnoseWhenHealthyThenEveryStageListsItsChecksInReportOrder() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      DoctorReport walked = diagnose(lab);
      List<CheckResult> inFlow = walked.flow().stream().flatMap(s -> s.checks().stream()).toList();
      assertEquals(walked.report().results().size(), inFlow.size());
      for (DoctorReport.FlowStage s : walked.flow()) {
        assertEquals(Status.worstOf(s.checks().stream().map(CheckResult::status).toList()), s.status());
        Details d = s.details();
        assertEquals(List.of("stage", "title", "ref", "status", "checks"), List.copyOf(d.asMap().keySet()));
        assertEquals(s.stage().jsonName(), d.get("stage").orElseThrow());
      }
      assertTrue(walked.flow().stream().noneMatch(s -> s.stage() == Stage.SIGNALLING && s.status() == Status.FAIL),
          walked.flow().toString());
      assertEquals(1, walked.nextSteps().size(), walked.nextSteps().toString());
    }
  }
}
