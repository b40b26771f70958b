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
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.JsonReportWriter;
import org.xphonediag.doctor.ProfileReader;

class DoctorAndTicketCommandTest {

  private static Path report(Path dir, String name, Status health) throws Exception {
    CheckResult.Builder r = CheckResult.builder(CheckCatalog.WEBAPI_HEALTH);
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
  void profileWhenFilesBrokenThenLocatedErrorsAndOtherChecksStillRun(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("appsettings.json"), "{\n  \"AppSettings\": {\n    \"Secret\": \"x\"\n"
        + "    \"JwtTokenLifetimeInMinutes\": 30\n  }\n}\n");
    Files.writeString(dir.resolve("acl.conf.xml"), "<configuration name=\"acl.conf\">\n  <network-lists>\n"
        + "    <list name=\"xcc\" default=\"deny\">\n      <node type=\"allow\" cidr=\"10.0.0.0/8\">\n"
        + "    </list>\n</configuration>\n");
    Path profile = dir.resolve("site.json");
    Files.writeString(profile, "{ \"iis\": \"local\", \"server\": {\"address\": \"10.0.0.5\"},\n"
        + "  \"files\": {\"appSettings\": \"appsettings.json\", \"acl\": \"acl.conf.xml\"},\n"
        + "  \"acl\": {\"inboundLists\": [\"xcc\"]} }");
    CliRun run = CliRun.of("doctor", "--profile", profile.toString(), "--json");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode doc = new ObjectMapper().readTree(run.out());
    JsonNode results = doc.get("results");
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    results.forEach(r -> byId.put(r.get("id").asText(), r));
    JsonNode config = byId.get("config.files").get("findings").get(0);
    assertEquals("config.syntax", config.get("code").asText());
    assertEquals(4, config.get("location").get("line").asInt());
    JsonNode acl = byId.get("acl.lint").get("findings").get(0);
    assertEquals("config.syntax", acl.get("code").asText());
    assertTrue(acl.get("location").get("line").asInt() >= 5, acl.toString());
    assertEquals("SKIPPED", byId.get("webapi.configured-url").get("status").asText());
    assertTrue(byId.get("webapi.configured-url").get("summary").asText().contains("webApiUrl"));
    assertEquals("PASS", byId.get("doctor.profile").get("status").asText());
  }

  @Test
  void profileWhenInvalidOrPasswordUnsetThenExit2OneLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"iis\": \"cloud\"}");
    CliRun run = CliRun.of("doctor", "--profile", bad.toString());
    assertEquals(2, run.exitCode());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("bad.json:1:9: 'iis' must be one of dmz, local"), run.err());
    Path unset = dir.resolve("unset.json");
    Files.writeString(unset, "{\"passwordEnv\": \"XPHONE_DIAG_SURELY_UNSET_VAR\"}");
    CliRun u = CliRun.of("doctor", "--profile", unset.toString());
    assertEquals(2, u.exitCode());
    assertTrue(u.err().contains("XPHONE_DIAG_SURELY_UNSET_VAR, which is not set"), u.err());
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
