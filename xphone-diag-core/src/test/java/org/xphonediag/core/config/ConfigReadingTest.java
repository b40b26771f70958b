package org.xphonediag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.core.config.Fixtures.DMZ;
import static org.xphonediag.core.config.Fixtures.LOCAL;
import static org.xphonediag.core.config.Fixtures.codes;
import static org.xphonediag.core.config.Fixtures.only;
import static org.xphonediag.core.config.Fixtures.validateJson;
import static org.xphonediag.core.config.Fixtures.validateWeb;
import static org.xphonediag.core.config.Fixtures.webConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Finding;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;

class ConfigReadingTest {
  private static final String S = Fixtures.LOCAL_SECRET;

  // ---- JSON syntax -----------------------------------------------------------------------------

  @Test
  void readJsonWhenCommentsAndTrailingCommasThenAccepted() {
    String json = "// leading comment\n{\n  /* block\n     comment */\n  \"AppSettings\": {\n"
        + "    \"Secret\": \"" + S + "\", // after a value\n    \"JwtTokenLifetimeInMinutes\": 30,\n  },\n"
        + "  \"AllowedHosts\": [\"a\", \"b\",],\n}\n";
    assertEquals(List.of(), validateJson(LOCAL, json).problems());
  }

  @Test
  void readJsonWhenCommaMissingThenSyntaxAtNextKeysLineAndColumn() {
    String json = "{\n  \"AppSettings\": {\n    \"Secret\": \"" + S + "\"\n    \"JwtTokenLifetimeInMinutes\": 30\n  }\n}\n";
    ConfigValidation v = validateJson(LOCAL, json);
    Finding f = only(v, "config.syntax");
    SourceLocation at = f.location().orElseThrow();
    assertEquals(4, at.line().getAsInt());
    assertEquals(5, at.column().getAsInt());
    assertTrue(f.message().contains("a comma is missing"), f.message());
    assertEquals(Status.FAIL, v.status());
    // reading stopped, so missing-key rules stay quiet (no default-secret for a Secret read before the error)
    assertEquals(List.of("config.syntax"), codes(v));
  }

  @Test
  void readJsonWhenColumnsAfterMultiByteCharactersThenCountsCharacters() {
    String json = "{\"AppSettings\": {\"X\": \"äöü€\" \"Y\": 1}}";
    Finding f = only(validateJson(LOCAL, json), "config.syntax");
    assertEquals(json.indexOf("\"Y\"") + 1, f.location().orElseThrow().column().getAsInt());
  }

  @Test
  void readJsonWhenTopLevelIsArrayOrEmptyThenSyntax() {
    assertEquals(List.of("config.syntax"), codes(validateJson(LOCAL, "[1, 2]")));
    assertEquals(List.of("config.syntax"), codes(validateJson(LOCAL, "  // nothing\n")));
    assertEquals(List.of("config.syntax"), codes(validateJson(LOCAL, "{} {}")));
  }

  @Test
  void readJsonWhenUnterminatedThenSyntaxAndEarlierValuesStillChecked() {
    String json = "{\n  \"AppSettings\": {\n    \"JwtTokenLifetimeInMinutes\": 2,\n    \"Secret\": \"abc";
    ConfigValidation v = validateJson(LOCAL, json);
    assertEquals(List.of("config.syntax", "config.jwt-lifetime-too-short"), codes(v));
  }

  @Test
  void readJsonWhenByteOrderMarkThenStrippedAndColumnsUnchanged() {
    byte[] body = ("{\"AppSettings\": {\"Secret\": \"" + S + "\" \"X\": 1}}").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(body, 0, withBom, 3, body.length);
    ConfigSource src = ConfigSource.decode("appsettings.json", withBom);
    assertTrue(src.hadByteOrderMark());
    Finding f = only(ConfigValidator.of(LOCAL).validate(Optional.empty(), Optional.of(src)), "config.syntax");
    assertEquals(new String(body, StandardCharsets.UTF_8).indexOf("\"X\"") + 1,
        f.location().orElseThrow().column().getAsInt());
  }

  @Test
  void readWhenBytesAreNotUtf8ThenSyntaxWithByteOffset() {
    byte[] bad = "{\"a\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    ConfigSource src = ConfigSource.decode("appsettings.json", bad);
    Finding f = only(ConfigValidator.of(LOCAL).validate(Optional.empty(), Optional.of(src)), "config.syntax");
    assertEquals(7L, f.location().orElseThrow().byteOffset().getAsLong());
  }

  @Test
  void readWhenUtf16WithBomThenDecoded() {
    byte[] text = Fixtures.webConfig("<add key=\"WcfIPEndPoint\" value=\"localhost\"/>").getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[text.length + 2];
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xfe;
    System.arraycopy(text, 0, bytes, 2, text.length);
    ConfigSource src = ConfigSource.decode("web.config", bytes);
    assertEquals("UTF-16LE", src.encoding());
    assertEquals(List.of("config.wcf-endpoint-localhost"),
        codes(ConfigValidator.of(DMZ).validate(Optional.of(src), Optional.empty())));
  }

  @Test
  void readWhenFileTooLargeThenIoException(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("appsettings.json");
    Files.write(big, new byte[ConfigSource.MAX_BYTES + 1]);
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> ConfigSource.read(big));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
  }

  // ---- JSON duplicates -------------------------------------------------------------------------

  @Test
  void duplicateWhenSameScalarKeyTwiceThenFailsBecauseAspNetRefusesTheFile() {
    String json = "{\n  \"AppSettings\": {\n    \"Secret\": \"" + S + "\",\n    \"JwtTokenLifetimeInMinutes\": 3,\n"
        + "    \"JwtTokenLifetimeInMinutes\": 30\n  }\n}";
    ConfigValidation v = validateJson(LOCAL, json);
    Finding f = only(v, "config.duplicate-key");
    assertEquals(Status.FAIL, f.severity());
    assertEquals(5, f.location().orElseThrow().line().getAsInt());
    assertEquals("AppSettings.JwtTokenLifetimeInMinutes", f.location().orElseThrow().path().orElseThrow());
    assertTrue(f.message().contains("first at line 4"), f.message());
    // the later value is the one validated: 30 passes
    assertEquals(List.of("config.duplicate-key"), codes(v));
  }

  @Test
  void duplicateWhenKeysDifferOnlyInCaseThenReportedWithBothSpellings() {
    String json = "{\"AppSettings\": {\"Secret\": \"" + S + "\", \"secret\": \"short\"}}";
    ConfigValidation v = validateJson(LOCAL, json);
    Finding dup = only(v, "config.duplicate-key");
    assertTrue(dup.message().contains("'secret' (as 'Secret')"), dup.message());
    assertEquals(Status.FAIL, dup.severity());
    // the later, differently cased key takes effect, and it is weak
    only(v, "config.default-secret");
  }

  @Test
  void duplicateWhenSectionRepeatedThenMergedWithWarningAndEveryDuplicateReported() {
    String json = "{\n\"AppSettings\": {\"Secret\": \"" + S + "\"},\n\"Logging\": {},\n\"appSettings\": {\"XPhoneServerHost\": \"\"},\n"
        + "\"Logging\": {}, \"AllowedHosts\": \"*\", \"AllowedHosts\": \"*\"}";
    ConfigValidation v = validateJson(LOCAL, json);
    List<Finding> dups = v.problems().stream().filter(f -> f.code().equals("config.duplicate-key")).toList();
    assertEquals(3, dups.size(), v.problems().toString());
    assertEquals(Status.WARN, dups.get(0).severity());
    assertEquals(4, dups.get(0).location().orElseThrow().line().getAsInt());
    assertEquals(Status.FAIL, dups.get(2).severity());
    // merged: the Secret from the first AppSettings still counts, so no default-secret finding
    assertFalse(v.has("config.default-secret"));
  }

  // ---- web.config ----------------------------------------------------------------------------

  @Test
  void readWebConfigWhenBrokenXmlThenSyntaxWithLineAndColumn() {
    String xml = "<configuration>\n  <appSettings>\n    <add key=\"WcfIPEndPoint\" value=\"x\">\n  </appSettings>\n</configuration>";
    Finding f = only(validateWeb(LOCAL, xml), "config.syntax");
    assertEquals(4, f.location().orElseThrow().line().getAsInt());
    assertTrue(f.location().orElseThrow().column().isPresent());
  }

  @Test
  void readWebConfigWhenDuplicateKeyThenWarnsAndLaterValueWins() {
    String xml = webConfig("    <add key=\"WcfIPEndPoint\" value=\"localhost\"/>\n    <add key=\"wcfipendpoint\" value=\"10.0.0.5\"/>");
    ConfigValidation v = validateWeb(DMZ, xml);
    Finding f = only(v, "config.duplicate-key");
    assertEquals(Status.WARN, f.severity());
    assertEquals(5, f.location().orElseThrow().line().getAsInt());
    assertFalse(v.has("config.wcf-endpoint-localhost"));
  }

  @Test
  void readWebConfigWhenRemovedOrClearedThenNotEffective() {
    String xml = webConfig("    <add key=\"WcfIPEndPoint\" value=\"10.0.0.5\"/>\n    <clear/>\n");
    assertEquals(List.of("config.wcf-endpoint-localhost"), codes(validateWeb(DMZ, xml)));
    String removed = webConfig("    <add key=\"WcfIPEndPoint\" value=\"10.0.0.5\"/>\n    <remove key=\"WCFIPENDPOINT\"/>\n"
        + "    <add key=\"WcfIPEndPoint\" value=\"10.0.0.6\"/>");
    assertEquals(List.of(), validateWeb(DMZ, removed).problems());
  }

  @Test
  void readWebConfigWhenAddWithoutKeyThenSyntax() {
    assertEquals(List.of("config.syntax"), codes(validateWeb(LOCAL, webConfig("<add value=\"x\"/>"))));
  }

  @Test
  void readWebConfigWhenXxePayloadThenRefusedAndNotFetched(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("outside.txt");
    Files.writeString(secretFile, "MARKER-CONTENT-OF-A-LOCAL-FILE");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [\n  <!ENTITY xxe SYSTEM \"" + secretFile.toUri()
        + "\">\n]>\n<configuration><appSettings><add key=\"WcfIPEndPoint\" value=\"&xxe;\"/></appSettings></configuration>";
    ConfigValidation v = validateWeb(DMZ, xml);
    Finding f = only(v, "config.syntax");
    assertEquals(2, f.location().orElseThrow().line().getAsInt());
    assertTrue(f.message().contains("DOCTYPE"), f.message());
    assertEquals(List.of("config.syntax"), codes(v));
    assertFalse(v.toString().contains("MARKER"));
    assertFalse(v.facts().asMap().toString().contains("MARKER"));
  }

  @Test
  void readWebConfigWhenExternalDtdThenRefused() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration SYSTEM \"file:///etc/passwd\">\n<configuration/>";
    assertEquals(List.of("config.syntax"), codes(validateWeb(LOCAL, xml)));
  }
}
