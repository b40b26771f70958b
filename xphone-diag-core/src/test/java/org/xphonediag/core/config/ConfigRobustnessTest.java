package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Finding;

/** Every prefix and many mutations of the healthy files are validated without an exception. */
class ConfigRobustnessTest {

  @Test
  void validateWhenEveryPrefixOfHealthyFilesThenNoExceptionAndBrokenOnesAreSyntax() {
    String json = Fixtures.text("healthy-dmz/appsettings.json").stripTrailing();
    String xml = Fixtures.text("healthy-dmz/web.config").stripTrailing();
    for (int i = 0; i < json.length(); i++) {
      ConfigValidation v = Fixtures.validateJson(Fixtures.DMZ, json.substring(0, i));
      assertTrue(v.has("config.syntax"), "prefix " + i + ": " + v.problems());
    }
    for (int i = 0; i < xml.length(); i++) {
      ConfigValidation v = Fixtures.validateWeb(Fixtures.DMZ, xml.substring(0, i));
      assertTrue(v.has("config.syntax"), "prefix " + i + ": " + v.problems());
    }
  }

  @Test
  void validateWhenRandomBytesChangedThenEveryProblemHasALocation() {
    Random random = new Random(4);
    String json = Fixtures.text("healthy-local/appsettings.json");
    String xml = Fixtures.text("healthy-local/web.config");
    String alphabet = "{}[]\":,/*\\ \nabc019-.#<>&;='!";
    for (int round = 0; round < 200; round++) {
      StringBuilder j = new StringBuilder(json);
      StringBuilder x = new StringBuilder(xml);
      for (int k = 0; k < 3; k++) {
        j.setCharAt(random.nextInt(j.length()), alphabet.charAt(random.nextInt(alphabet.length())));
        x.setCharAt(random.nextInt(x.length()), alphabet.charAt(random.nextInt(alphabet.length())));
      }
      ConfigValidation v = Fixtures.validate(round % 2 == 0 ? Fixtures.DMZ : Fixtures.LOCAL.withProxy("netscaler"),
          Fixtures.web(x.toString()), Fixtures.json(j.toString()));
      for (Finding f : v.problems()) {
        assertTrue(f.location().isPresent(), f.toString());
        assertTrue(!f.remedy().isBlank() && !f.message().contains(Fixtures.LOCAL_SECRET), f.toString());
      }
    }
  }
}
