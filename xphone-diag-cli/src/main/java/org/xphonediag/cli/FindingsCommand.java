package org.xphonediag.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

  /** The catalogue as a table, from the finding codes themselves. */
  private static void renderTable(Details data, PrintWriter w) {
    List<FindingCode> codes = FindingCatalog.all();
    int width = 4;
    for (FindingCode c : codes) {
      width = Math.max(width, c.code().length());
    }
    for (FindingCode c : codes) {
      w.printf("  %-" + width + "s  %-4s  %s (%s)%n", c.code(), c.severity().name(), c.title(), c.ref());
      w.printf("  %-" + width + "s        %s%n", "", c.remedy());
    }
  }
}
