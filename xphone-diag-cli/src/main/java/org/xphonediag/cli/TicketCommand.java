package org.xphonediag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.doctor.TicketBundle;
import org.xphonediag.doctor.TicketManifest;
import org.xphonediag.doctor.TicketQuestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xphone-diag ticket}: a support-ticket zip (docs/field-guide.md#support-ticket) with secrets masked. */
@Command(name = "ticket", mixinStandardHelpOptions = true,
    description = {"Bundle the support-ticket checklist (docs/field-guide.md#support-ticket), a doctor report, logs and captures into one zip.",
        "Answer keys: customerXid, symptom, since, affectedUsers, network, desktopWorks, xccOutsourced, scenario, "
            + "devices, numbers, networkDiagram, testTime."})
final class TicketCommand extends ReportCommand {
  @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the zip.")
  Path out;

  @Option(names = "--report", paramLabel = "REPORT.json", description = "A doctor report (JSON) to include.")
  Path report;

  @Option(names = "--answers", paramLabel = "FILE", description = "A JSON object of answers, keyed as listed above.")
  Path answersFile;

  @Option(names = "--answer", paramLabel = "KEY=VALUE", description = "One answer (repeatable).")
  Map<String, String> answers = new java.util.LinkedHashMap<>();

  @Option(names = "--log", paramLabel = "FILE", description = "XCC, SIP trunk or gateway log (repeatable).")
  List<Path> logs = new ArrayList<>();

  @Option(names = "--capture", paramLabel = "FILE", description = "Capture of loopback and Ethernet (repeatable).")
  List<Path> captures = new ArrayList<>();

  @Option(names = "--app-log", paramLabel = "FILE", description = "Mobile app log (repeatable).")
  List<Path> appLogs = new ArrayList<>();

  @Option(names = "--attach", paramLabel = "FILE", description = "Any other file, e.g. a diagram (repeatable).")
  List<Path> others = new ArrayList<>();

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Mask the value of this environment variable wherever it appears.")
  String passwordEnv;

  @Option(names = "--max-file-mib", paramLabel = "N", description = "Cap per file in MiB (default: 64).")
  long maxFileMib = TicketBundle.DEFAULT_MAX_FILE_BYTES >> 20;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    TicketBundle.Builder b = TicketBundle.builder();
    if (maxFileMib < 1 || maxFileMib > 1024) {
      throw new UsageException("--max-file-mib must be 1..1024 but was " + maxFileMib);
    }
    b.maxFileBytes(maxFileMib << 20);
    if (answersFile != null) {
      readAnswers(answersFile).forEach((k, v) -> b.answer(question(k, "--answers " + answersFile), v));
    }
    answers.forEach((k, v) -> b.answer(question(k, "--answer"), v));
    if (report != null) {
      b.report(DoctorCommand.readReport(report));
    }
    for (Path p : logs) {
      b.attach(readable(p, "--log"), TicketBundle.Kind.LOG);
    }
    for (Path p : captures) {
      b.attach(readable(p, "--capture"), TicketBundle.Kind.CAPTURE);
    }
    for (Path p : appLogs) {
      b.attach(readable(p, "--app-log"), TicketBundle.Kind.APP_LOG);
    }
    for (Path p : others) {
      b.attach(readable(p, "--attach"), TicketBundle.Kind.OTHER);
    }
    if (passwordEnv != null) {
      b.knownSecret(Secret.fromEnvironment(passwordEnv).orElseThrow(() ->
          new UsageException("--password-env " + passwordEnv + ": the variable is not set")));
    }
    TicketManifest m;
    try {
      m = b.build().writeTo(out);
    } catch (IOException e) {
      throw new UsageException("cannot write ticket " + out + ": " + e.getMessage(), e);
    }
    List<Details> files = new ArrayList<>();
    for (TicketManifest.Entry e : m.entries()) {
      files.add(Details.builder().put("name", e.name()).put("kind", e.kind()).put("bytes", e.includedBytes())
          .put("truncated", e.truncated()).put("sha256", e.sha256()).put("secretsMasked", e.secretsMasked()).build());
    }
    Report.Builder r = Report.builder("ticket").data("zip", out.toString()).data("files", files)
        .data("missingAnswers", m.missingAnswers().stream().map(TicketQuestion::key).toList());
    if (!m.missingAnswers().isEmpty()) {
      r.note("still to answer: " + String.join(", ", m.missingAnswers().stream().map(TicketQuestion::key).toList()));
    }
    return r.build();
  }

  private static TicketQuestion question(String key, String where) {
    return TicketQuestion.byKey(key).orElseThrow(() -> new UsageException(where + ": unknown answer key '" + key
        + "'; known: " + String.join(", ", java.util.Arrays.stream(TicketQuestion.values())
            .map(TicketQuestion::key).toList())));
  }

  private static Path readable(Path p, String option) {
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UsageException(option + " " + p + ": no such readable file");
    }
    return p;
  }

  private static Map<String, String> readAnswers(Path file) {
    try {
      JsonNode n = new ObjectMapper().readTree(Files.readString(file));
      if (n == null || !n.isObject()) {
        throw new UsageException("--answers " + file + ": expected a JSON object of answers");
      }
      Map<String, String> m = new java.util.LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), e.getValue().asText());
      }
      return m;
    } catch (NoSuchFileException e) {
      throw new UsageException("--answers " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("--answers " + file + ": " + e.getMessage().split("\n")[0], e);
    }
  }
}
