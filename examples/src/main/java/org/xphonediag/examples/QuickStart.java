package org.xphonediag.examples;

import java.io.PrintWriter;
import java.util.List;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.report.ReportFormat;

/** The README's quick start: two checks of your own, run as a plan, written as a text report. */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    // quickstart:begin
    CheckId candidate = CheckId.of("demo.public-candidate");
    Check publicCandidate = Check.of(candidate, "XCC offers a public candidate", ctx -> {
      String offered = args.length > 0 ? args[0] : "192.168.101.12";
      CheckResult.Builder result = CheckResult.builder(candidate).detail("address", offered);
      if (!AddressClass.classify(offered).isPublic()) {
        result.finding(FindingCatalog.MEDIA_MISSING_PUBLIC_CANDIDATE
            .finding("the XCC offered only " + offered + " (" + AddressClass.classify(offered).jsonName() + ")")
            .build());
      }
      return result.build();
    });
    try (DiagRunner runner = DiagRunner.builder().build()) {
      Report report = runner.run("quickstart", List.of(publicCandidate));
      ReportFormat.TEXT.writer().write(report, new PrintWriter(System.out, true));
    }
    // quickstart:end
  }
}
