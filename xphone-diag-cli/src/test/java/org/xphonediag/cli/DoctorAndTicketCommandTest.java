package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.JsonReportWriter;
import org.xphonediag.doctor.ProfileReader;

class DoctorAndTicketCommandTest {

  private static Path report(Path dir, String name, Status health) throws Exception {
    CheckResult.Builder r = CheckResult.builder(CheckId.of("webapi.health"));
    if (health == Status.FAIL) {
      r.finding(FindingCatalog.WEBAPI_UNREACHABLE.finding("connect to 203.0.113.5:443 timed out after 5 s").build());
    }
    Path p = dir.resolve(name);
    Files.writeString(p, new JsonReportWriter().toString(Report.builder("doctor").result(r.build()).build()));
    return p;
  }

  @Test
  void initWhenFileNewThenTemplateWrittenAndReadable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("site.jsonc");
    CliRun run = CliRun.of("doctor", "--init", f.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(ProfileReader.read(f).webApiUrl().isPresent());
    CliRun again = CliRun.of("doctor", "--init", f.toString());
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("the file exists"), again.err());
  }

  @Test
  void compareWhenInsidePassesOutsideFailsThenExit1AndBlockedOutside(@TempDir Path dir) throws Exception {
    CliRun run = CliRun.of("doctor", "--compare", report(dir, "in.json", Status.PASS).toString(),
        report(dir, "out.json", Status.FAIL).toString(), "--json");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertEquals("doctor-compare", doc.get("command").asText());
    assertEquals("blocked-outside", doc.get("data").get("comparison").get(0).get("meaning").asText());
  }

  @Test
  void compareWhenFileIsNotAReportThenExit2OneLine(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.json");
    Files.writeString(junk, "{\"hello\": 1}");
    CliRun run = CliRun.of("doctor", "--compare", junk.toString(), junk.toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("is not an xphone-diag report"), run.err());
    assertEquals(2, CliRun.of("doctor", "--compare", dir.resolve("none.json").toString(), junk.toString()).exitCode());
    assertEquals(2, CliRun.of("doctor").exitCode());
  }

  @Test
  void ticketWhenAnsweredAndLogGivenThenZipWithoutSecrets(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("fs.log");
    Files.writeString(log, "a=ice-pwd:VerySecretIcePassword123\n");
    Path zip = dir.resolve("t.zip");
    CliRun run = CliRun.of("ticket", "--out", zip.toString(), "--answer", "symptom=no audio",
        "--log", log.toString(), "--report", report(dir, "r.json", Status.FAIL).toString(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertTrue(doc.get("data").get("missingAnswers").toString().contains("customerXid"));
    StringBuilder all = new StringBuilder();
    try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        z.transferTo(b);
        all.append(b.toString(StandardCharsets.ISO_8859_1));
      }
    }
    assertFalse(all.toString().contains("VerySecretIcePassword123"));
    assertTrue(all.toString().contains("webapi.unreachable"));
  }

  @Test
  void ticketWhenUnknownAnswerKeyOrMissingLogThenExit2(@TempDir Path dir) {
    CliRun bad = CliRun.of("ticket", "--out", dir.resolve("t.zip").toString(), "--answer", "symtom=x");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("unknown answer key 'symtom'"), bad.err());
    CliRun missing = CliRun.of("ticket", "--out", dir.resolve("t.zip").toString(), "--log", "/nonexistent.log");
    assertEquals(2, missing.exitCode());
  }
}
