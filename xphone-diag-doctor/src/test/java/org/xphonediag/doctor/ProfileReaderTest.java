package org.xphonediag.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.doctor.DeploymentProfile.Placement;
import org.xphonediag.core.net.PortRange;

class ProfileReaderTest {
  private static final Path BASE = Path.of("/srv/profiles");

  @Test
  void templateWhenParsedThenEveryDocumentedFieldRead() throws Exception {
    DeploymentProfile p = ProfileReader.parse(ProfileReader.template(), "template.jsonc", BASE);
    assertEquals("https://xphone.example.com/xphoneconnect/webclientapi", p.webApiUrl().orElseThrow().toString());
    assertEquals("XPHONE_PASSWORD", p.passwordEnv().orElseThrow());
    assertEquals("stun.example.com:3478", p.stunServers().get(0).toString());
    assertEquals(Placement.LOCAL, p.iis());
    assertEquals(new PortRange(30000, 33000), p.xccMediaPorts());
    assertEquals(Path.of("/srv/profiles/xcc/acl.conf.xml"), p.aclFile().orElseThrow());
    assertEquals(List.of("xcc_localnet"), p.inboundLists());
    assertEquals("10.0.0.0/16", p.localNetworks().get(0).toString());
  }

  @Test
  void parseWhenEverythingWrongThenEveryProblemLocated() {
    String text = String.join("\n",
        "{",
        "  \"webapiUrl\": \"https://x/xphoneconnect/webclientapi\",",
        "  \"mobileUrl\": \"http://xphone.example.com/xphoneconnect/mobile\",",
        "  \"iis\": \"cloud\",",
        "  \"stunServers\": [\"stun.example.com:99999\", 3478],",
        "  \"xcc\": { \"mediaPorts\": \"33000-30000\", \"placement\": \"dmz\" },",
        "  \"passwordEnv\": \"MY PASSWORD\",",
        "  \"insecure\": \"yes\",",
        "  \"acl\": { \"localNetworks\": [\"10.0.0.0\"] }",
        "}");
    ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse(text, "p.json", BASE));
    List<String> p = e.problems().stream().map(Object::toString).toList();
    assertTrue(p.contains("p.json:2:3: unknown key 'webapiUrl' (did you mean 'webApiUrl'?)"), p.toString());
    assertTrue(p.contains("p.json:3:16: 'mobileUrl' must be an https URL ending in /xphoneconnect/mobile but was "
        + "'http://xphone.example.com/xphoneconnect/mobile'"), p.toString());
    assertTrue(p.contains("p.json:4:10: 'iis' must be one of dmz, local but was 'cloud'"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("p.json:5:19: 'stunServers[0]' must be host[:port]")),
        p.toString());
    assertTrue(p.contains("p.json:5:45: 'stunServers[1]' must be a string but was number"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("p.json:6:26: 'mediaPorts' must be a port range")), p.toString());
    assertTrue(p.contains("p.json:6:54: 'placement' must be one of local, outsourced but was 'dmz'"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("p.json:7:18: 'passwordEnv' must be an environment variable")),
        p.toString());
    assertTrue(p.contains("p.json:8:15: 'insecure' must be true or false but was string"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("p.json:9:30: 'localNetworks[0]' must be a CIDR prefix")),
        p.toString());
    assertEquals(10, p.size(), p.toString());
    assertTrue(e instanceof org.xphonediag.core.InputException);
    assertEquals(2, e.location().line().orElseThrow());
    assertEquals(3, e.location().column().orElseThrow());
    assertEquals("unknown key 'webapiUrl' (did you mean 'webApiUrl'?)", e.reason());
    assertTrue(p.get(0).startsWith("p.json:2:") && p.get(9).startsWith("p.json:9:"), "in file order: " + p);
  }

  @Test
  void parseWhenSyntaxBrokenThenLineAndColumn() {
    String text = "{\n  \"name\": \"x\"\n  \"iis\": \"dmz\"\n}";
    ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse(text, "p.json", BASE));
    assertTrue(e.getMessage().startsWith("p.json:3:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("expecting comma"), e.getMessage());
    assertEquals("p.json", e.location().source());
    assertEquals(3, e.location().line().orElseThrow());
    assertEquals(3, e.location().column().orElseThrow());
    assertTrue(e.reason().contains("expecting comma"), e.reason());
    assertTrue(e.getCause() instanceof org.xphonediag.core.json.JsonTree.SyntaxException, String.valueOf(e.getCause()));
  }

  @Test
  void parseWhenKeyRepeatedThenReported() {
    String text = "{\"iis\": \"local\",\n \"iis\": \"dmz\"}";
    ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse(text, "p.json", BASE));
    assertEquals(List.of("p.json:2:2: key 'iis' repeats the one at line 1; the last one wins"),
        e.problems().stream().map(Object::toString).toList());
    assertEquals(2, e.location().line().orElseThrow());
    assertEquals(2, e.location().column().orElseThrow());
  }

  @Test
  void parseWhenNotAnObjectThenSaysSo() {
    ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("[1]", "p.json", BASE));
    assertEquals("p.json:1:1: a profile must be a JSON object but was array", e.getMessage());
  }

  @Test
  void readWhenFileMissingOrBinaryThenIoException(@TempDir Path dir) throws Exception {
    assertThrows(IOException.class, () -> ProfileReader.read(dir.resolve("missing.json")));
    Path bin = dir.resolve("bin.json");
    Files.write(bin, new byte[] {'{', '\n', ' ', (byte) 0xc3, '(', '}'});
    IOException e = assertThrows(IOException.class, () -> ProfileReader.read(bin));
    assertTrue(e.getMessage().startsWith(bin + ": not UTF-8 text: byte 0xC3 at line 2, column 2 (byte offset 3)"),
        e.getMessage());
  }

  @Test
  void readWhenUtf16WithByteOrderMarkThenRead(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("site.jsonc");
    Files.write(f, "\uFEFF{\"name\": \"Zürich\", // saved by Notepad\n \"iis\": \"dmz\"}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    DeploymentProfile p = ProfileReader.read(f);
    assertEquals("Zürich", p.name().orElseThrow());
  }

  @Test
  void readWhenDeviceThenRefusedWithoutReading() {
    IOException e = assertThrows(IOException.class, () -> ProfileReader.read(Path.of("/dev/zero")));
    assertTrue(e.getMessage().startsWith("/dev/zero: not a regular file but a character device"), e.getMessage());
  }

  @Test
  void readWhenBomAndRelativePathsThenResolvedAgainstProfileFolder(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("site.json");
    Files.writeString(f, "\uFEFF{\"files\": {\"webConfig\": \"iis/web.config\"}, \"iis\": \"DMZ\"}");
    DeploymentProfile p = ProfileReader.read(f);
    assertEquals(dir.resolve("iis/web.config").toAbsolutePath(), p.webConfig().orElseThrow());
    assertEquals(Placement.DMZ, p.iis());
  }
}
