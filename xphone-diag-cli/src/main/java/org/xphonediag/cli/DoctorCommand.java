package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.io.AtomicFile;
import org.xphonediag.core.io.ReadLimit;
import org.xphonediag.core.report.JsonReportReader;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;
import org.xphonediag.doctor.DoctorReport;
import org.xphonediag.doctor.ProfileException;
import org.xphonediag.doctor.ProfileReader;
import org.xphonediag.doctor.ReportComparison;
import org.xphonediag.testkit.Scenario;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag doctor}: the guide's flowchart end to end for a deployment profile, or
 * ({@code --demo}) against an in-process lab; {@code --init} writes a profile template and
 * {@code --compare} explains two reports made inside and outside the company network.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Walk the troubleshooting guide's flowchart (docs/field-guide.md chapters 3-7) and end with what to change.",
        "--profile FILE runs it for a deployment; --demo runs it against an in-process lab (--scenario NAME, "
            + "--scenario list); --init FILE writes a commented profile template; --compare INSIDE.json "
            + "OUTSIDE.json explains what differs between a run inside the company network and one from the "
            + "internet (docs/field-guide.md#connection-test)."})
final class DoctorCommand extends ReportCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(names = "--scenario", paramLabel = "NAME",
      description = "With --demo: the lab scenario (default: default); 'list' lists them.")
  String scenario;

  /** What the doctor found, typed, once it ran (for the text rendering). */
  private DoctorReport walked;
  /** True when the demo scenarios were listed. */
  private boolean listed;

  static final class Mode {
    @Option(names = "--profile", paramLabel = "FILE", description = "The deployment profile (see --init).")
    Path profile;

    @Option(names = "--demo", description = "Run against an in-process lab on loopback; needs no network.")
    boolean demo;

    @Option(names = "--init", paramLabel = "FILE", description = "Write a commented profile template to FILE.")
    Path init;

    @Option(names = "--compare", arity = "2", paramLabel = "REPORT.json",
        description = "Compare two JSON reports: inside first, outside second.")
    List<Path> compare;
  }

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    if (scenario != null && !mode.demo) {
      throw new UsageException("--scenario goes with --demo");
    }
    if (mode.init != null) {
      return init(mode.init);
    }
    if (mode.compare != null) {
      return ReportComparison.compare(readReport("--compare", mode.compare.get(0)),
          readReport("--compare", mode.compare.get(1)));
    }
    if (mode.demo) {
      return demo(terminal);
    }
    return profile(mode.profile, terminal);
  }

  private Report demo(Terminal terminal) throws Exception {
    String name = scenario == null ? "default" : scenario;
    if (name.equalsIgnoreCase("list")) {
      List<Details> rows = java.util.Arrays.stream(Scenario.values())
          .map(s -> Details.of("name", s.cliName(), "description", s.description())).toList();
      listed = true;
      return Report.builder("doctor").data("scenarios", rows).build();
    }
    Scenario s = java.util.Arrays.stream(Scenario.values()).filter(c -> c.cliName().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new UsageException("--scenario " + name
        + ": unknown; 'doctor --demo --scenario list' lists them"));
    if (terminal.interactive()) {
      terminal.err().println("xphone-diag doctor --demo: lab scenario '" + s.cliName() + "': " + s.description());
      terminal.err().flush();
    }
    // A signal interrupts this thread: the doctor returns its partial report and the lab (with its
    // temporary folder, which holds a generated Secret) is closed before the report is written.
    Thread self = Thread.currentThread();
    try (ShutdownGuard.Registration r = shutdown().onShutdown(self::interrupt); DemoLab lab = DemoLab.start(s)) {
      walked = lab.doctor().build().diagnose(terminal.progress());
      return walked.report().toBuilder().note("demo: an in-process lab on loopback stands in for the deployment (scenario '"
          + s.cliName() + "': " + s.description() + ")").build();
    }
  }

  private Report profile(Path file, Terminal terminal) throws Exception {
    DeploymentProfile profile;
    try {
      profile = ProfileReader.read(file);
    } catch (IOException e) {
      throw InputFile.unreadable("--profile", file, e);
    } catch (ProfileException e) {
      throw new UsageException("--profile " + e.getMessage(), e);
    }
    Doctor.Builder doctor = Doctor.builder(profile);
    if (profile.passwordEnv().isPresent()) {
      String var = profile.passwordEnv().get();
      doctor.password(Secret.fromEnvironment(var).orElseThrow(() -> new UsageException("--profile " + file
          + ": passwordEnv names " + var + ", which is not set; export it or remove passwordEnv")));
    }
    if (profile.turnPasswordEnv().isPresent()) {
      String var = profile.turnPasswordEnv().get();
      doctor.turnPassword(Secret.fromEnvironment(var).orElseThrow(() -> new UsageException("--profile " + file
          + ": turnPasswordEnv names " + var + ", which is not set; export it or remove turnPasswordEnv")));
    }
    Doctor built;
    try {
      built = doctor.build();
    } catch (IllegalStateException e) {
      throw new UsageException("--profile " + file + ": " + e.getMessage(), e);
    }
    Thread self = Thread.currentThread();
    try (ShutdownGuard.Registration r = shutdown().onShutdown(self::interrupt)) {
      walked = built.diagnose(terminal.progress());
      return walked.report();
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new UsageException("--profile " + file + ": " + e.getMessage(), e);
    }
  }

  private static Report init(Path file) {
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("--init " + file + ": the file exists; choose another name");
    }
    try {
      byte[] template = ProfileReader.template().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      AtomicFile.write(file, out -> out.write(template));
    } catch (IOException e) {
      throw new UsageException("cannot write --init " + file + ": " + InputFile.reason(e, file.toString()), e);
    }
    return Report.builder("doctor").data("profileTemplate", file.toString())
        .note("wrote a commented profile template to " + file + "; edit it, then run doctor --profile " + file)
        .build();
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return this::renderData;
  }

  /**
   * The flow per stage and the next steps, for people, from what the doctor found; the lab's scenarios;
   * other data (a template's path, a comparison) as a tree.
   */
  private void renderData(Details data, PrintWriter w) {
    if (walked != null) {
      w.println();
      w.println("Flow:");
      for (DoctorReport.FlowStage st : walked.flow()) {
        w.printf("  %-7s %s (%s)%n", st.status().name(), st.stage().title(), st.stage().ref());
      }
      w.println();
      w.println("Next steps:");
      int i = 1;
      for (String s : walked.nextSteps()) {
        w.printf("  %d. %s%n", i++, s);
      }
    }
    if (listed) {
      for (Scenario s : Scenario.values()) {
        w.printf("  %-26s %s%n", s.cliName(), s.description());
      }
    }
    if (walked == null && !listed) {
      TextReportWriter.renderTree(data, w);
    }
  }

  /** Reads a JSON report named by option {@code what} (a regular file, at most 8 MiB). */
  static Report readReport(String what, Path file) {
    String json = InputFile.text(what, file, ReadLimit.REPORT);
    try {
      return JsonReportReader.read(json, file.toString());
    } catch (IOException e) {
      throw new UsageException(what + " " + e.getMessage(), e);
    }
  }
}
