package org.xphonediag.examples;

import java.net.URI;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.doctor.DoctorReport;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;

/**
 * Recipe: the doctor embedded in a tool, with a progress listener. The profile is built in code
 * (here against the testkit's lab; for a real deployment read it with {@code ProfileReader.read}).
 * Steps the profile has no input for are SKIPPED and say what is missing; the report ends with the
 * next steps the guide would take.
 */
public final class DoctorWithProgress {
  private DoctorWithProgress() {}

  public static void main(String[] args) throws Exception {
    try (Lab lab = Lab.start(args.length > 0 ? Scenario.valueOf(args[0]) : Scenario.BACKEND_DOWN)) {
      DeploymentProfile profile = DeploymentProfile.builder().name("lab")
          .webApiUrl(URI.create(lab.webApiUrl())).mobileUrl(URI.create(lab.mobileUrl()))
          .user(lab.user()).build();
      DiagListener progress = new DiagListener() {
        @Override
        public void checkStarted(CheckId id, String title) {
          System.err.println("  ... " + title);
        }

        @Override
        public void checkFinished(CheckResult result) {
          System.err.println("  " + result.status() + " " + result.id() + " " + result.summary());
        }
      };
      DoctorReport walked = Doctor.builder(profile).password(Secret.of(lab.password())).resolver(lab.resolver())
          .trust(lab.trust()).build().diagnose(progress);
      Report report = walked.report();
      System.out.println("doctor: " + report.status());
      report.findings().forEach(f -> System.out.println(f.severity() + " " + f.code() + ": " + f.remedy()));
      walked.flow().forEach(s -> System.out.println("stage " + s.stage().jsonName() + ": " + s.status()));
      walked.nextSteps().forEach(s -> System.out.println("next: " + s));
    }
  }
}
