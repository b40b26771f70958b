package org.xphonediag.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebApiProfileTest {

  @Test
  void defaultsWhenLoadedThenEveryRouteUnderBasePath() {
    WebApiProfile p = WebApiProfile.defaults();
    assertEquals("/xphoneconnect/webclientapi", p.basePath());
    assertEquals("POST", p.route(WebApiProfile.LOGIN).method());
    assertTrue(p.route(WebApiProfile.LOGIN).body().orElseThrow().contains("${password}"));
    assertEquals(false, p.route(WebApiProfile.VERSION).auth());
    assertEquals(true, p.route(WebApiProfile.DEVICES).auth());
    assertEquals("token", p.field("token"));
  }

  @Test
  void loadWhenPartialFileThenOverridesAndKeepsDefaults() throws Exception {
    WebApiProfile p = WebApiProfile.load(Path.of("src/test/resources/profile/override.json"));
    assertEquals("/api/v2/session", p.route(WebApiProfile.LOGIN).path());
    assertEquals("data.accessToken", p.field("token"));
    assertEquals(WebApiProfile.defaults().route(WebApiProfile.HUB), p.route(WebApiProfile.HUB));
  }

  @Test
  void parseWhenJsonBrokenThenLineAndColumnNamed() {
    WebApiProfileException e = assertThrows(WebApiProfileException.class,
        () -> WebApiProfile.parse("{\n  \"routes\": {\n    \"login\" \"x\"\n", "broken.json"));
    assertTrue(e.problems().get(0).contains("line 3:"), e.getMessage());
    assertEquals("broken.json", e.source());
  }

  @Test
  void parseWhenKeysUnknownOrMalformedThenEveryProblemListed() {
    WebApiProfileException e = assertThrows(WebApiProfileException.class, () -> WebApiProfile.parse(
        "{\"routes\": {\"logon\": {}, \"login\": {\"method\": \"FETCH\", \"path\": \"/x\"}},"
            + " \"fields\": {\"tokn\": \"t\"}, \"extra\": 1}", "bad.json"));
    assertEquals(4, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("routes.logon")));
    assertTrue(e.problems().stream().anyMatch(p -> p.contains("FETCH")));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("fields.tokn")));
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("extra")));
  }

  @Test
  void builderWhenRouteKeyUnknownThenRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebApiProfile.defaults()
        .toBuilder().route("logon", "POST", "/x", false, null));
    assertTrue(e.getMessage().contains("logon"));
  }

  @Test
  void builderWhenRouteReplacedThenNewRouteUsed() {
    WebApiProfile p = WebApiProfile.defaults().toBuilder()
        .route(WebApiProfile.VERSION, "GET", "/version", false, null).build();
    assertEquals(new WebApiProfile.Route("version", "GET", "/version", false, Optional.empty()),
        p.route(WebApiProfile.VERSION));
  }
}
