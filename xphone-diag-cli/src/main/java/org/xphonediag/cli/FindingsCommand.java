package org.xphonediag.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.Details;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.TextReportWriter;
import picocli.CommandLine.Command;

/** {@code xphone-diag findings}: the finding catalogue (code, severity, title, remedy, reference). */
@Command(name = "findings", mixinStandardHelpOptions = true,
    description = "List every finding code with its default severity, title, remedy and documentation reference "
        + "(docs/findings.md#CODE).")
final class FindingsCommand extends ReportCommand {

  @Override
  protected Report produce(Terminal terminal) {
    List<Details> ordered = new ArrayList<>();
    for (FindingCode c : FindingCatalog.all()) {
      ordered.add(Details.builder().put("code", c.code()).put("severity", c.severity().name())
          .put("title", c.title()).put("remedy", c.remedy()).put("ref", c.ref()).build());
    }
    return Report.builder("findings").data("findings", ordered).build();
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return FindingsCommand::renderTable;
  }

  private static void renderTable(Details data, PrintWriter w) {
    @SuppressWarnings("unchecked")
    List<Details> rows = (List<Details>) data.asMap().get("findings");
    int width = 4;
    for (Details r : rows) {
      width = Math.max(width, r.asMap().get("code").toString().length());
    }
    for (Details r : rows) {
      Map<String, Object> m = r.asMap();
      w.printf("  %-" + width + "s  %-4s  %s (%s)%n", m.get("code"), m.get("severity"), m.get("title"), m.get("ref"));
      w.printf("  %-" + width + "s        %s%n", "", m.get("remedy"));
    }
  }
}
