package org.xphonediag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.JsonReportReader;
import org.xphonediag.doctor.ProfileReader;
import org.xphonediag.doctor.ReportComparison;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag doctor}: the guide's flowchart end to end. This version offers {@code --init}
 * (a commented profile template) and {@code --compare A.json B.json} (inside vs outside).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Walk the troubleshooting guide's flowchart for a deployment.",
        "--init FILE writes a commented profile template; --compare INSIDE.json OUTSIDE.json explains what "
            + "differs between a run inside the company network and one from the internet (DOMAIN §4)."})
final class DoctorCommand extends ReportCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--init", paramLabel = "FILE", description = "Write a commented profile template to FILE.")
    Path init;

    @Option(names = "--compare", arity = "2", paramLabel = "REPORT.json",
        description = "Compare two JSON reports: inside first, outside second.")
    List<Path> compare;
  }

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    if (mode.init != null) {
      if (Files.exists(mode.init)) {
        throw new UsageException("--init " + mode.init + ": the file exists; choose another name");
      }
      try {
        Files.writeString(mode.init, ProfileReader.template());
      } catch (IOException e) {
        throw new UsageException("--init " + mode.init + ": cannot write: " + e.getMessage(), e);
      }
      return Report.builder("doctor").data("profileTemplate", mode.init.toString())
          .note("wrote a commented profile template to " + mode.init + "; edit it, then run doctor --profile "
              + mode.init).build();
    }
    return ReportComparison.compare(readReport(mode.compare.get(0)), readReport(mode.compare.get(1)));
  }

  static Report readReport(Path file) {
    try {
      if (Files.size(file) > 64L << 20) {
        throw new UsageException(file + " is larger than 64 MiB; not a report");
      }
      return JsonReportReader.read(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
