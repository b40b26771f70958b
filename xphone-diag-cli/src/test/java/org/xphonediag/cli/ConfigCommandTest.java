package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  private static final String SECRET = "k3Jd9xQ2LmP7vB4nR8tY1wZ6aC5eF0gHsUiO";
  private static final String WEAK = "Tr0ub4dor&3";

  @TempDir
  Path dir;
  private Path web;
  private Path localApp;
  private Path dmzApp;

  private String out;
  private String err;

  @BeforeEach
  void files() throws Exception {
    web = Files.writeString(dir.resolve("web.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n"
        + "  <appSettings>\n    <add key=\"WcfIPEndPoint\" value=\"localhost\" />\n  </appSettings>\n</configuration>\n");
    localApp = Files.writeString(dir.resolve("appsettings.json"), "{\n  // local\n  \"AppSettings\": {\n"
        + "    \"Secret\": \"" + SECRET + "\",\n    \"JwtTokenLifetimeInMinutes\": 30,\n    \"XPhoneServerHost\": \"\",\n  }\n}\n");
    dmzApp = Files.writeString(dir.resolve("dmz.json"), "{\n  \"AppSettings\": {\n    \"Secret\": \"" + WEAK + "\",\n"
        + "    \"JwtTokenLifetimeInMinutes\": 5,\n    \"XPhoneServerHost\": \"xphone01\",\n    \"SignalRLongPolling\": \"yes\"\n  }\n}\n");
  }

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o), new PrintWriter(e), false);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void configWhenHealthyLocalFilesThenExitZero() {
    assertEquals(0, run("config", "--web-config", web.toString(), "--appsettings", localApp.toString(), "--iis", "local"), err);
    assertTrue(out.contains("no problems found"), out);
  }

  @Test
  void configWhenLocalFilesInDmzThenExitOneAndJsonProblems() throws Exception {
    assertEquals(1, run("config", "--web-config", web.toString(), "--appsettings", localApp.toString(), "--iis", "DMZ",
        "--server", "xphone01.corp.example", "--json"), err);
    JsonNode root = new ObjectMapper().readTree(out);
    assertEquals("config", root.get("command").asText());
    assertEquals("FAIL", root.get("status").asText());
    assertEquals("config.files", root.get("results").get(0).get("id").asText());
    JsonNode problems = root.get("data").get("problems");
    assertTrue(problems.isArray());
    assertEquals(2, problems.size());
    JsonNode wcf = problems.get(0);
    assertEquals("config.wcf-endpoint-localhost", wcf.get("code").asText());
    assertEquals("FAIL", wcf.get("severity").asText());
    assertEquals(web.toString(), wcf.get("file").asText());
    assertEquals("appSettings.WcfIPEndPoint", wcf.get("path").asText());
    assertEquals(4, wcf.get("line").asInt());
    assertEquals(37, wcf.get("column").asInt());
    assertTrue(wcf.get("change").asText().contains("value=\"xphone01.corp.example\""));
    assertEquals("config.server-host-missing", problems.get(1).get("code").asText());
    assertEquals(6, problems.get(1).get("line").asInt());
  }

  @Test
  void configWhenOnlyAppSettingsThenWorksAlone() {
    assertEquals(1, run("config", "--appsettings", dmzApp.toString(), "--iis", "dmz", "--proxy", "netscaler"), err);
    assertTrue(out.contains("config.jwt-lifetime-too-short") && out.contains("config.default-secret")
        && out.contains("config.invalid-entry") && out.contains("config.signalr-longpolling-advised"), out);
  }

  @Test
  void configWhenBrokenFileThenExitOneNotTwo() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"AppSettings\": {\n    \"A\": 1\n    \"B\": 2\n  }\n}");
    assertEquals(1, run("config", "--appsettings", broken.toString(), "--iis", "local", "--json"), err);
    JsonNode p = new ObjectMapper().readTree(out).get("data").get("problems").get(0);
    assertEquals("config.syntax", p.get("code").asText());
    assertEquals(4, p.get("line").asInt());
    assertEquals(5, p.get("column").asInt());
  }

  @Test
  void configWhenFileMissingOrNoFileOrBadOptionThenExitTwoWithOneLine() {
    assertEquals(2, run("config", "--appsettings", dir.resolve("nope.json").toString(), "--iis", "local"));
    assertTrue(err.contains("no such file") && err.strip().lines().count() == 1, err);
    assertEquals(2, run("config", "--iis", "local"));
    assertTrue(err.contains("--web-config FILE, --appsettings FILE or both"), err);
    assertEquals(2, run("config", "--appsettings", localApp.toString()));
    assertEquals(2, run("config", "--appsettings", localApp.toString(), "--iis", "cloud"));
    assertEquals(2, run("config", "--appsettings", localApp.toString(), "--iis", "dmz", "--server", "bad host!"));
    assertEquals(2, run("config", "--appsettings", dir.toString(), "--iis", "dmz"));
    assertEquals("", out);
  }

  @Test
  void configWhenWarnOnlyAndFailOnWarnThenExitOne() throws Exception {
    Path warn = Files.writeString(dir.resolve("warn.json"), "{\"AppSettings\": {\"Secret\": \"" + SECRET
        + "\", \"SignalRLongPoling\": true}}");
    assertEquals(0, run("config", "--appsettings", warn.toString(), "--iis", "local"), err);
    assertTrue(out.contains("did you mean 'SignalRLongPolling'?"), out);
    assertEquals(1, run("config", "--appsettings", warn.toString(), "--iis", "local", "--fail-on", "warn"));
  }

  @Test
  void configSecretNeverPrintedInAnyFormat() {
    for (String format : new String[] {"text", "json", "markdown", "junit"}) {
      for (Path app : new Path[] {localApp, dmzApp}) {
        run("config", "--web-config", web.toString(), "--appsettings", app.toString(), "--iis", "dmz", "--format", format);
        assertFalse(out.contains(SECRET) || out.contains(WEAK) || out.contains("r0ub4") || out.contains("xQ2LmP"),
            format + ": " + out);
        assertFalse(err.contains(WEAK), err);
      }
    }
  }
}
