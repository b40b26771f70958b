package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.core.config.Fixtures.DMZ;
import static org.xphonediag.core.config.Fixtures.LOCAL;
import static org.xphonediag.core.config.Fixtures.only;
import static org.xphonediag.core.config.Fixtures.validateJson;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.report.ReportFormat;

class ConfigSecretTest {
  /** A placeholder-like sentence of the kind shipped (not the vendor's text, which we do not know). */
  static final String PLACEHOLDER = "THIS KEY IS USED TO SIGN AND VERIFY JWT TOKENS, REPLACE IT WITH YOUR OWN";

  private static String withSecret(String secret) {
    return "{\n  \"AppSettings\": {\n    \"XPhoneServerHost\": \"xphone01\",\n    \"Secret\": \"" + secret + "\"\n  }\n}";
  }

  @ParameterizedTest
  @ValueSource(strings = {PLACEHOLDER, "please change me", "changeme-changeme-changeme-changeme",
      "short-but-random-Zq8", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababababababababab",
      "12345678901234567890123456789012", ""})
  void secretWhenPlaceholderShortOrLowEntropyThenFailsInBothScenarios(String secret) {
    for (ConfigScenario s : List.of(LOCAL, DMZ)) {
      Finding f = only(validateJson(s, withSecret(secret)), "config.default-secret");
      assertEquals(Status.FAIL, f.severity());
      assertEquals(4, f.location().orElseThrow().line().getAsInt());
      assertEquals("AppSettings.Secret", f.location().orElseThrow().path().orElseThrow());
      assertTrue(f.remedy().contains("at least 32 characters"), f.remedy());
      assertNotShown(secret, f.toString() + f.remedy() + f.evidence());
    }
  }

  @Test
  void secretWhenRandomAndLongThenPasses() {
    assertEquals(List.of(), validateJson(LOCAL, withSecret(Fixtures.LOCAL_SECRET)).problems());
    assertEquals(List.of(), validateJson(LOCAL, withSecret("0123456789abcdef0fedcba9876543210a1b2c3d4e5f60718")).problems());
  }

  @Test
  void secretWhenMissingOrNotAStringThenFails() {
    only(validateJson(LOCAL, "{\"AppSettings\": {\"JwtTokenLifetimeInMinutes\": 30}}"), "config.default-secret");
    only(validateJson(LOCAL, "{\"AppSettings\": {\"Secret\": {\"a\": 1}}}"), "config.default-secret");
  }

  @Test
  void secretNeverAppearsInAnyOutputFormat() throws Exception {
    // weak secret, a syntax error right after it, and a duplicate: every path that could echo it
    String weak = "hunter2hunter2";
    String json = "{\"AppSettings\": {\"Secret\": \"" + weak + "\", \"secret\": \"" + weak + "\"}}";
    String broken = "{\"AppSettings\": {\"Secret\": " + weak + "}}";
    String unterminated = "{\"AppSettings\": {\"Secret\": \"" + weak;
    for (String text : List.of(json, broken, unterminated, withSecret(PLACEHOLDER), withSecret(Fixtures.DMZ_SECRET))) {
      ConfigValidation v = validateJson(DMZ.withProxy("netscaler"), text);
      Report report = Report.builder("config").result(ConfigFilesCheck.result(v, Duration.ofMillis(3)))
          .data("problems", List.of()).build();
      for (ReportFormat format : ReportFormat.values()) {
        StringWriter out = new StringWriter();
        format.writer().write(report, out);
        for (String secret : List.of(weak, PLACEHOLDER, Fixtures.DMZ_SECRET)) {
          assertNotShown(secret, out.toString());
        }
      }
    }
  }

  @Test
  void secretWhenUnquotedThenSyntaxWithoutTheText() {
    Finding f = only(validateJson(LOCAL, "{\"AppSettings\": {\"Secret\": hunter2hunter2}}"), "config.syntax");
    assertFalse(f.message().contains("hunter"), f.message());
    assertTrue(f.message().contains("double quotes"), f.message());
  }

  /**
   * Neither the secret nor any 6-character piece of it appears in {@code output}; pieces made only of
   * lower-case letters or holding white space are skipped, as they may be ordinary words of a message.
   */
  static void assertNotShown(String secret, String output) {
    if (secret.isEmpty()) {
      return;
    }
    assertFalse(output.contains(secret), "secret shown in: " + output);
    for (int i = 0; i + 6 <= secret.length(); i++) {
      String piece = secret.substring(i, i + 6);
      if (!piece.matches("[a-z]+") && !piece.matches(".*\\s.*")) {
        assertFalse(output.contains(piece), "part '" + piece + "' of the secret shown in: " + output);
      }
    }
  }
}
