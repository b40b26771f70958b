package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.core.config.Fixtures.DMZ;
import static org.xphonediag.core.config.Fixtures.LOCAL;
import static org.xphonediag.core.config.Fixtures.appSettings;
import static org.xphonediag.core.config.Fixtures.codes;
import static org.xphonediag.core.config.Fixtures.only;
import static org.xphonediag.core.config.Fixtures.validate;
import static org.xphonediag.core.config.Fixtures.validateJson;
import static org.xphonediag.core.config.Fixtures.validateWeb;
import static org.xphonediag.core.config.Fixtures.webConfig;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;

class ConfigRulesTest {

  // ---- healthy pairs ---------------------------------------------------------------------------

  @Test
  void validateWhenHealthyLocalPairThenNoProblems() {
    ConfigValidation v = validate(LOCAL, ConfigSource.decode("web.config", Fixtures.bytes("healthy-local/web.config")),
        ConfigSource.decode("appsettings.json", Fixtures.bytes("healthy-local/appsettings.json")));
    assertEquals(List.of(), v.problems());
    assertEquals("localhost", v.facts().get("wcfIpEndPoint").orElseThrow());
  }

  @Test
  void validateWhenHealthyDmzPairBehindNetscalerThenNoProblems() {
    ConfigSource app = ConfigSource.decode("appsettings.json", Fixtures.bytes("healthy-dmz/appsettings.json"));
    assertTrue(app.hadByteOrderMark());
    ConfigValidation v = validate(DMZ.withProxy("netscaler"),
        ConfigSource.decode("web.config", Fixtures.bytes("healthy-dmz/web.config")), app);
    assertEquals(List.of(), v.problems());
    assertEquals(Status.PASS, v.status());
  }

  @Test
  void validateWhenLocalPairUsedForDmzThenBothHostRulesFail() {
    ConfigValidation v = validate(DMZ, Fixtures.web(Fixtures.text("healthy-local/web.config")),
        Fixtures.json(Fixtures.text("healthy-local/appsettings.json")));
    assertEquals(List.of("config.wcf-endpoint-localhost", "config.server-host-missing"), codes(v));
    assertEquals(Status.FAIL, v.status());
    Finding wcf = only(v, "config.wcf-endpoint-localhost");
    assertEquals(7, wcf.location().orElseThrow().line().getAsInt());
    assertEquals(37, wcf.location().orElseThrow().column().getAsInt());
    assertEquals("appSettings.WcfIPEndPoint", wcf.location().orElseThrow().path().orElseThrow());
    assertTrue(wcf.remedy().contains("value=\"xphone01.corp.example\""), wcf.remedy());
    Finding host = only(v, "config.server-host-missing");
    assertEquals("AppSettings.XPhoneServerHost", host.location().orElseThrow().path().orElseThrow());
    assertEquals(8, host.location().orElseThrow().line().getAsInt());
  }

  @Test
  void validateWhenDmzPairUsedLocallyThenNoFailure() {
    ConfigValidation v = validate(LOCAL, Fixtures.web(Fixtures.text("healthy-dmz/web.config")),
        Fixtures.json(Fixtures.text("healthy-dmz/appsettings.json")));
    assertFalse(v.status().isWorseThan(Status.WARN), v.problems().toString());
  }

  // ---- WcfIPEndPoint -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LocalHost", "127.0.0.1", "127.10.20.30", "::1", "[::1]:2230", "", "  ",
      "localhost:2230", "net.tcp://localhost:2230/svc"})
  void wcfEndPointWhenLoopbackInDmzThenFails(String value) {
    ConfigValidation v = validateWeb(DMZ, webConfig("<add key=\"WcfIPEndPoint\" value=\"" + value + "\"/>"));
    assertEquals(List.of("config.wcf-endpoint-localhost"), codes(v));
    assertEquals(Status.FAIL, v.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "::1", ""})
  void wcfEndPointWhenLoopbackLocallyThenPasses(String value) {
    assertEquals(List.of(), validateWeb(LOCAL, webConfig("<add key=\"WcfIPEndPoint\" value=\"" + value + "\"/>")).problems());
  }

  @Test
  void wcfEndPointWhenMissingInDmzThenFailsAtAppSettings() {
    ConfigValidation v = validateWeb(DMZ, webConfig("<add key=\"Other\" value=\"x\"/>"));
    Finding f = only(v, "config.wcf-endpoint-localhost");
    assertTrue(f.message().contains("missing"), f.message());
    assertEquals(3, f.location().orElseThrow().line().getAsInt());
    assertEquals(List.of(), validateWeb(LOCAL, webConfig("<add key=\"Other\" value=\"x\"/>")).problems());
  }

  @Test
  void wcfEndPointWhenServerInDmzThenPasses() {
    assertEquals(List.of(), validateWeb(DMZ, webConfig("<add key=\"WcfIPEndPoint\" value=\"10.1.2.3\"/>")).problems());
  }

  @Test
  void wcfEndPointWhenNotAHostThenInvalidEntry() {
    ConfigValidation v = validateWeb(LOCAL, webConfig("<add key=\"WcfIPEndPoint\" value=\"my server!\"/>"));
    assertEquals(Status.FAIL, only(v, "config.invalid-entry").severity());
  }

  // ---- XPhoneServerHost ----------------------------------------------------------------------

  @Test
  void serverHostWhenEmptyInDmzThenFailsAndLocallyPasses() {
    String json = appSettings("    \"XPhoneServerHost\": \"\"");
    assertEquals(Status.FAIL, only(validateJson(DMZ, json), "config.server-host-missing").severity());
    assertEquals(List.of(), validateJson(LOCAL, json).problems());
  }

  @Test
  void serverHostWhenMissingInDmzThenFails() {
    Finding f = only(validateJson(DMZ, appSettings("    \"JwtTokenLifetimeInMinutes\": 30")), "config.server-host-missing");
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("missing"));
  }

  @Test
  void serverHostWhenLoopbackInDmzThenFails() {
    Finding f = only(validateJson(DMZ, appSettings("    \"XPhoneServerHost\": \"127.0.0.1\"")), "config.server-host-missing");
    assertEquals(Status.FAIL, f.severity());
  }

  @Test
  void serverHostWhenDifferentFromWcfEndPointThenWarns() {
    ConfigValidation v = validate(ConfigScenario.of(IisPlacement.DMZ),
        Fixtures.web(webConfig("<add key=\"WcfIPEndPoint\" value=\"xphone01.corp.example\"/>")),
        Fixtures.json(appSettings("    \"XPhoneServerHost\": \"xphone02.corp.example\"")));
    Finding f = only(v, "config.server-host-missing");
    assertEquals(Status.WARN, f.severity());
    assertTrue(f.message().contains("WcfIPEndPoint"), f.message());
  }

  @Test
  void serverHostWhenDifferentFromGivenServerThenWarns() {
    Finding f = only(validateJson(DMZ, appSettings("    \"XPhoneServerHost\": \"other.corp.example\"")),
        "config.server-host-missing");
    assertEquals(Status.WARN, f.severity());
    assertTrue(f.message().contains("xphone01.corp.example"), f.message());
  }

  @Test
  void serverHostWhenShortNameOrIpAgainstNameThenNoWarning() {
    assertEquals(List.of(), validateJson(DMZ, appSettings("    \"XPhoneServerHost\": \"XPHONE01\"")).problems());
    assertEquals(List.of(), validateJson(DMZ, appSettings("    \"XPhoneServerHost\": \"10.0.0.5\"")).problems());
  }

  // ---- JwtTokenLifetimeInMinutes -------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"5", "0", "-30", "\"5\"", "\" 5 \"", "\"0x5\""})
  void jwtLifetimeWhenBelowSixThenFailsInBothScenarios(String value) {
    String json = appSettings("    \"JwtTokenLifetimeInMinutes\": " + value + ",\n    \"XPhoneServerHost\": \"xphone01\"");
    for (ConfigScenario s : List.of(LOCAL, DMZ)) {
      Finding f = only(validateJson(s, json), "config.jwt-lifetime-too-short");
      assertEquals(Status.FAIL, f.severity());
      assertEquals(4, f.location().orElseThrow().line().getAsInt());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"6", "30", "\"30\"", "\"0x1E\"", "\"#1e\"", "\"+30\"", "\" 30\""})
  void jwtLifetimeWhenSixOrMoreAsAspNetReadsItThenPasses(String value) {
    assertEquals(List.of(), validateJson(LOCAL, appSettings("    \"JwtTokenLifetimeInMinutes\": " + value)).problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"thirty\"", "30.5", "3e1", "true", "\"\"", "[30]", "99999999999"})
  void jwtLifetimeWhenNotAWholeNumberThenFailsNamingTheValue(String value) {
    Finding f = only(validateJson(LOCAL, appSettings("    \"JwtTokenLifetimeInMinutes\": " + value)),
        "config.jwt-lifetime-too-short");
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.remedy().contains("\"JwtTokenLifetimeInMinutes\": 30"), f.remedy());
  }

  // ---- SignalRLongPolling --------------------------------------------------------------------

  @Test
  void longPollingWhenNetscalerAndFalseThenAdvisedInBothScenarios() {
    for (ConfigScenario s : List.of(LOCAL, DMZ)) {
      ConfigValidation v = validateJson(s.withProxy("NetScaler"),
          appSettings("    \"SignalRLongPolling\": false,\n    \"XPhoneServerHost\": \"xphone01\""));
      Finding f = only(v, "config.signalr-longpolling-advised");
      assertEquals(Status.WARN, f.severity());
      assertEquals(4, f.location().orElseThrow().line().getAsInt());
      assertTrue(f.remedy().contains("\"SignalRLongPolling\": true"), f.remedy());
    }
  }

  @Test
  void longPollingWhenNetscalerAndMissingThenAdvised() {
    only(validateJson(LOCAL.withProxy("netscaler"), appSettings("    \"JwtTokenLifetimeInMinutes\": 30")),
        "config.signalr-longpolling-advised");
  }

  @Test
  void longPollingWhenNetscalerAndTrueOrNoProxyThenNothing() {
    assertEquals(List.of(), validateJson(LOCAL.withProxy("netscaler"), appSettings("    \"SignalRLongPolling\": \"True\"")).problems());
    assertEquals(List.of(), validateJson(LOCAL, appSettings("    \"SignalRLongPolling\": false")).problems());
    assertEquals(List.of(), validateJson(LOCAL.withProxy("sophos"), appSettings("    \"SignalRLongPolling\": false")).problems());
  }

  @Test
  void longPollingWhenYesThenInvalidEntryNamesAcceptedValues() {
    ConfigValidation v = validateJson(LOCAL, appSettings("    \"SignalRLongPolling\": \"yes\""));
    Finding f = only(v, "config.invalid-entry");
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("'yes'") && f.message().contains("true, false"), f.message());
    ConfigValidation behindProxy = validateJson(LOCAL.withProxy("netscaler"), appSettings("    \"SignalRLongPolling\": \"yes\""));
    assertEquals(List.of("config.invalid-entry", "config.signalr-longpolling-advised"), codes(behindProxy));
  }

  // ---- SignalR debug logging -----------------------------------------------------------------

  private static String logging(String levels) {
    return "{ \"AppSettings\": { \"Secret\": \"" + Fixtures.LOCAL_SECRET + "\" },\n"
        + "  \"Logging\": { \"EventLog\": { \"LogLevel\": {\n" + levels + "\n  } } } }";
  }

  @Test
  void signalRDebugWhenOnlyDefaultAtDebugThenIncompleteInBothScenarios() {
    String json = logging("\"Default\": \"Debug\", \"Microsoft.AspNetCore\": \"Warning\"");
    for (ConfigScenario s : List.of(LOCAL, ConfigScenario.of(IisPlacement.DMZ))) {
      ConfigValidation v = validateJson(s, json);
      Finding f = only(v, "config.signalr-debug-incomplete");
      assertEquals(Status.WARN, f.severity());
      assertTrue(f.message().contains("Microsoft.AspNetCore.SignalR is effectively Warning"), f.message());
      assertTrue(f.remedy().contains("\"Microsoft.AspNetCore.Http.Connections\": \"Debug\""), f.remedy());
    }
  }

  @Test
  void signalRDebugWhenSignalRAtDebugButDefaultMissingThenIncomplete() {
    Finding f = only(validateJson(LOCAL, logging(
        "\"Microsoft.AspNetCore.SignalR\": \"Debug\", \"Microsoft.AspNetCore.Http.Connections\": \"Trace\"")),
        "config.signalr-debug-incomplete");
    assertTrue(f.message().contains("Default is effectively Warning"), f.message());
  }

  @Test
  void signalRDebugWhenAllOrNoneAtDebugThenNothing() {
    assertEquals(List.of(), validateJson(LOCAL, logging("\"default\": \"debug\", \"Microsoft.AspNetCore.SignalR\": \"Debug\", "
        + "\"Microsoft.AspNetCore.Http.Connections\": \"Debug\"")).problems());
    assertEquals(List.of(), validateJson(LOCAL, logging("\"Default\": \"Warning\"")).problems());
  }

  @Test
  void logLevelWhenMisspelledValueThenFailsWithAcceptedLevels() {
    Finding f = only(validateJson(LOCAL, logging("\"Default\": \"Debg\"")), "config.invalid-entry");
    assertEquals(Status.FAIL, f.severity());
    assertTrue(f.message().contains("Trace, Debug, Information, Warning, Error, Critical, None"), f.message());
  }

  // ---- unknown keys ----------------------------------------------------------------------------

  @Test
  void unknownKeyWhenMisspelledThenWarnsWithSuggestion() {
    ConfigValidation v = validateJson(LOCAL, appSettings("    \"JwtTokenLifetimeInMinute\": 30"));
    Finding f = only(v, "config.invalid-entry");
    assertEquals(Status.WARN, f.severity());
    assertTrue(f.message().contains("did you mean 'JwtTokenLifetimeInMinutes'?"), f.message());
    assertTrue(f.remedy().contains("rename \"JwtTokenLifetimeInMinute\" to \"JwtTokenLifetimeInMinutes\""), f.remedy());
    assertEquals(4, f.location().orElseThrow().line().getAsInt());
    assertEquals(5, f.location().orElseThrow().column().getAsInt());
  }

  @Test
  void unknownKeyWhenMisspelledSectionOrCategoryThenWarns() {
    String json = "{ \"AppSettings\": { \"Secret\": \"" + Fixtures.LOCAL_SECRET + "\" }, \"Loging\": {},\n"
        + " \"Logging\": { \"EventLog\": { \"LogLevel\": { \"Microsoft.AspNetCore.SignalRR\": \"Warning\" } } } }";
    ConfigValidation v = validateJson(LOCAL, json);
    assertEquals(List.of("config.invalid-entry", "config.invalid-entry"), codes(v));
    assertTrue(v.problems().get(0).message().contains("'Logging'"));
    assertTrue(v.problems().get(1).message().contains("'Microsoft.AspNetCore.SignalR'"));
  }

  @Test
  void unknownKeyWhenWebConfigKeyMisspelledThenWarnsWithSuggestion() {
    ConfigValidation v = validateWeb(LOCAL, webConfig("<add key=\"WcfIPEndpont\" value=\"localhost\"/>"));
    Finding f = only(v, "config.invalid-entry");
    assertTrue(f.message().contains("did you mean 'WcfIPEndPoint'?"), f.message());
    assertTrue(f.remedy().contains("key=\"WcfIPEndPoint\""), f.remedy());
  }

  @Test
  void unknownKeyWhenOnlyCaseDiffersThenAccepted() {
    assertEquals(List.of(), validateJson(LOCAL, "{\"appsettings\": {\"secret\": \"" + Fixtures.LOCAL_SECRET
        + "\", \"signalrlongpolling\": TRUE_}}".replace("TRUE_", "true")).problems());
  }

  @Test
  void portWhenOutOfRangeThenInvalidEntry() {
    assertEquals(Status.FAIL, only(validateJson(LOCAL, appSettings("    \"XPhoneServerUnifiedPort\": 70000")),
        "config.invalid-entry").severity());
    assertEquals(List.of(), validateJson(LOCAL, appSettings("    \"XPhoneServerUnifiedPort\": \"2231\"")).problems());
  }

  // ---- scenario-independent rules give the same finding in both scenarios ------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "config.duplicate-key|\"XPhoneServerHost\": \"xphone01\", \"xphoneserverhost\": \"xphone01\"",
      "config.invalid-entry|\"XPhoneServerHost\": \"xphone01\", \"SignalRLongPoling\": true",
      "config.invalid-entry|\"XPhoneServerHost\": \"xphone01\", \"RefreshTokenLifetimeInHours\": \"four days\"",
      "config.syntax|\"XPhoneServerHost\": \"xphone01\" \"X\": 1"})
  void ruleWhenScenarioIndependentThenSameFindingLocallyAndInDmz(String codeAndMembers) {
    String[] parts = codeAndMembers.split("\\|", 2);
    String json = appSettings("    " + parts[1]);
    List<String> local = codes(validateJson(LOCAL, json));
    List<String> dmz = codes(validateJson(DMZ, json));
    assertEquals(List.of(parts[0]), local);
    assertEquals(local, dmz);
  }

  @Test
  void webConfigDuplicateWhenEitherScenarioThenSameWarning() {
    String xml = webConfig("<add key=\"WcfIPEndPoint\" value=\"10.0.0.5\"/><add key=\"WcfIPEndPoint\" value=\"10.0.0.5\"/>");
    assertEquals(List.of("config.duplicate-key"), codes(validateWeb(LOCAL, xml)));
    assertEquals(List.of("config.duplicate-key"), codes(validateWeb(DMZ, xml)));
  }
}
