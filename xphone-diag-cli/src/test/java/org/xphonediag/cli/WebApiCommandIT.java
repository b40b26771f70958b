package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;

/**
 * {@code webapi} and {@code tls} against the lab. {@code webapi} runs as a child process because
 * the password comes from an environment variable; its output is searched for the password and
 * the tokens.
 */
class WebApiCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path trustFile(Lab lab) throws IOException {
    Path f = dir.resolve("lab-root.pem");
    Files.writeString(f, lab.rootCertificatePem());
    return f;
  }

  private record Proc(int code, String out, String err) {}

  private Proc webapi(Lab lab, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.xphonediag.cli.Main", "webapi",
        "--url", "https://localhost:" + lab.port() + "/xphoneconnect/webclientapi",
        "--user", lab.user(), "--password-env", "XPHONE_TEST_PASSWORD", "--json"));
    List<String> more = List.of(extra);
    if (!more.contains("--insecure")) {
      cmd.addAll(List.of("--trust", trustFile(lab).toString()));
    }
    cmd.addAll(more);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("XPHONE_TEST_PASSWORD", new String(lab.password()));
    pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("webapi did not end within 120 s");
    }
    return new Proc(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static void assertNoSecret(Lab lab, Proc p) {
    List<String> secrets = new ArrayList<>(lab.issuedTokens());
    secrets.add(new String(lab.password()));
    for (String s : secrets) {
      assertFalse(p.out().contains(s) || p.err().contains(s), "a secret appears in the CLI output");
    }
  }

  @Test
  void webapiWhenHealthyThenExit0AndFiveStepsPass() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      Proc p = webapi(lab);
      assertEquals(0, p.code(), p.err() + p.out());
      JsonNode json = JSON.readTree(p.out());
      assertEquals("webapi", json.get("command").asText());
      JsonNode steps = json.get("data").get("steps");
      assertEquals(5, steps.size());
      assertEquals("webapi.configured-url", steps.get(0).get("id").asText());
      assertEquals("signalr.hub", steps.get(3).get("id").asText());
      assertEquals(4, steps.get(3).get("step").asInt());
      for (JsonNode s : steps) {
        assertEquals("PASS", s.get("status").asText(), s.toString());
      }
      assertFalse(lab.issuedTokens().isEmpty());
      assertNoSecret(lab, p);
    }
  }

  @Test
  void webapiWhenPasswordWrongThenExit1WithAuthFailed() throws Exception {
    try (Lab lab = Lab.start(Scenario.WRONG_PASSWORD)) {
      Proc p = webapi(lab, "--all");
      assertEquals(1, p.code(), p.err() + p.out());
      JsonNode json = JSON.readTree(p.out());
      JsonNode auth = json.get("data").get("steps").get(2);
      assertEquals("webapi.auth", auth.get("id").asText());
      assertEquals("webapi.auth-failed", auth.get("findings").get(0).asText());
      assertEquals(9, json.get("data").get("steps").size());
      assertNoSecret(lab, p);
    }
  }

  @Test
  void webapiWhenInsecureThenExpiredCertificateAcceptedAndReportSaysSo() throws Exception {
    try (Lab lab = Lab.start(Scenario.EXPIRED)) {
      Proc p = webapi(lab, "--insecure");
      assertEquals(0, p.code(), p.err() + p.out());
      JsonNode json = JSON.readTree(p.out());
      assertTrue(json.get("notes").get(0).asText().contains("TLS verification was disabled"), p.out());
      assertEquals("none (TLS verification disabled)", json.get("data").get("trust").asText());
      assertEquals("disabled", json.get("results").get(1).get("details").get("tlsVerification").asText());
      assertNoSecret(lab, p);
    }
  }

  @Test
  void webapiWhenCertificateExpiredThenExit1WithTlsExpired() throws Exception {
    try (Lab lab = Lab.start(Scenario.EXPIRED)) {
      Proc p = webapi(lab);
      assertEquals(1, p.code(), p.err() + p.out());
      JsonNode health = JSON.readTree(p.out()).get("data").get("steps").get(1);
      assertEquals("tls.expired", health.get("findings").get(0).asText(), p.out());
    }
  }

  @Test
  void tlsWhenHealthyThenExit0AndChainInData() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      CliRun r = CliRun.of("tls", "localhost:" + lab.port(), "--trust", trustFile(lab).toString(), "--json");
      assertEquals(0, r.exitCode(), r.err() + r.out());
      JsonNode chain = JSON.readTree(r.out()).get("data").get("chain");
      assertEquals(2, chain.size());
      assertEquals("CN=" + Lab.HOST, chain.get(0).get("subject").asText());
      assertEquals("CN=xphone-diag lab intermediate", chain.get(0).get("issuer").asText());
      assertTrue(chain.get(0).get("notAfter").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }
  }

  @Test
  void tlsWhenChainIncompleteThenExit1WithFinding() throws Exception {
    try (Lab lab = Lab.start(Scenario.INCOMPLETE_CHAIN)) {
      CliRun r = CliRun.of("tls", "localhost:" + lab.port(), "--trust", trustFile(lab).toString(), "--json");
      assertEquals(1, r.exitCode(), r.err() + r.out());
      JsonNode result = JSON.readTree(r.out()).get("results").get(0);
      assertEquals("tls.chain-incomplete", result.get("findings").get(0).get("code").asText());
    }
  }

  @Test
  void tlsWhenPlatformTrustThenUntrustedInText() throws Exception {
    try (Lab lab = Lab.start(Scenario.HEALTHY)) {
      CliRun r = CliRun.of("tls", "localhost:" + lab.port());
      assertEquals(1, r.exitCode(), r.err() + r.out());
      assertTrue(r.out().contains("tls.untrusted"), r.out());
    }
  }
}
