package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.Status;

class MainTest {

  @Test
  void findingsWhenJsonThenEveryCatalogueCode() throws Exception {
    CliRun run = CliRun.of("findings", "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals("xphone-diag/1", doc.get("schema").asText());
    assertEquals("findings", doc.get("command").asText());
    Set<String> codes = new HashSet<>();
    doc.get("data").get("findings").forEach(f -> {
      codes.add(f.get("code").asText());
      assertTrue(f.get("remedy").asText().length() > 10);
      assertEquals("docs/findings.md#" + f.get("code").asText(), f.get("ref").asText());
    });
    for (FindingCode c : FindingCatalog.all()) {
      assertTrue(codes.contains(c.code()), c.code());
    }
    assertEquals(FindingCatalog.all().size(), codes.size());
  }

  @Test
  void findingsWhenJunitThenParsesAsJUnitXml() throws Exception {
    CliRun run = CliRun.of("findings", "--format", "junit");
    assertEquals(0, run.exitCode(), run.err());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    assertEquals("testsuites", d.getDocumentElement().getTagName());
    assertEquals(1, d.getElementsByTagName("testsuite").getLength());
    assertTrue(d.getElementsByTagName("system-out").item(0).getTextContent().contains("media.no-binding-success"));
  }

  @Test
  void findingsWhenTextAndMarkdownThenCodesListed() {
    CliRun text = CliRun.of("findings");
    assertEquals(0, text.exitCode());
    assertTrue(text.out().contains("media.no-binding-success"), text.out());
    CliRun md = CliRun.of("findings", "--format", "MARKDOWN");
    assertEquals(0, md.exitCode(), md.err());
    assertTrue(md.out().startsWith("# xphone-diag findings: PASS"), md.out());
  }

  @Test
  void outputWhenFileGivenThenReportWrittenThere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalogue.json");
    CliRun run = CliRun.of("findings", "--json", "--output", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(Files.readString(file).contains("\"schema\" : \"xphone-diag/1\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"findings --bogus", "findings --format yaml", "no-such-command", "",
      "findings --json --format markdown", "findings --fail-on sometimes"})
  void runWhenBadUsageThenExit2WithOneLine(String args) {
    CliRun run = CliRun.of(args.isEmpty() ? new String[0] : args.split(" "));
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("xphone-diag: "), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace");
  }

  @Test
  void failOnWhenWarnOrFailGivenThenAccepted() {
    assertEquals(0, CliRun.of("findings", "--fail-on", "warn").exitCode());
    assertEquals(0, CliRun.of("findings", "--fail-on=fail").exitCode());
  }

  @Test
  void outputWhenFileCannotBeWrittenThenExit2(@TempDir Path dir) {
    CliRun run = CliRun.of("findings", "--output", dir.resolve("missing/dir/out.txt").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("xphone-diag: cannot write --output "), run.err());
  }

  @Test
  void exitCodeWhenStatusGivenThenAsContract() {
    assertEquals(0, ReportCommand.exitCode(Status.PASS, false));
    assertEquals(0, ReportCommand.exitCode(Status.SKIPPED, false));
    assertEquals(0, ReportCommand.exitCode(Status.WARN, false));
    assertEquals(1, ReportCommand.exitCode(Status.WARN, true));
    assertEquals(1, ReportCommand.exitCode(Status.FAIL, false));
    assertEquals(3, ReportCommand.exitCode(Status.ERROR, false));
  }

  @Test
  void versionWhenAskedThenPrintsProjectVersion() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().matches("xphone-diag \\d+\\.\\d+\\.\\d+.*\\R"), run.out());
  }

  @Test
  void helpWhenNoCommandNamedThenListsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode(), run.err());
    for (String c : new String[] {"findings", "acl", "config", "stun", "stun-decode", "ice-probe", "sweep", "turn",
        "webapi", "tls", "trace", "sdp", "sip-probe", "doctor", "ticket", "help"}) {
      assertTrue(run.out().contains("\n  " + c + " "), c + " missing from:\n" + run.out());
    }
  }

  @Test
  void helpWhenCommandNamedThenThatCommandsUsage() {
    CliRun run = CliRun.of("trace", "--help");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Usage: xphone-diag trace "), run.out());
    CliRun help = CliRun.of("help", "sdp");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: xphone-diag sdp "), help.out());
  }
}
