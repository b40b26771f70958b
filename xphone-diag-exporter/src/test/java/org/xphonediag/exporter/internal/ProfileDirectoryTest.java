package org.xphonediag.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.doctor.DeploymentProfile;

class ProfileDirectoryTest {
  @TempDir
  Path dir;

  @Test
  void targetIsTheFileNameWithoutJsoncOrJson() throws Exception {
    Files.writeString(dir.resolve("acme.jsonc"), "{ // a comment\n \"name\": \"Acme\", }");
    Files.writeString(dir.resolve("beta.json"), "{\"name\": \"Beta\"}");
    Files.writeString(dir.resolve("notes.txt"), "not a profile");
    ProfileDirectory p = new ProfileDirectory(dir);
    assertEquals("Acme", p.load("acme").name().orElseThrow());
    assertEquals("Beta", p.load("beta").name().orElseThrow());
    assertEquals(List.of("acme", "beta"), p.targets());
  }

  @Test
  void aProfileIsReadOnceAndAgainWhenItsFileChanges() throws Exception {
    Path f = dir.resolve("acme.json");
    Files.writeString(f, "{\"name\": \"first\"}");
    ProfileDirectory p = new ProfileDirectory(dir);
    DeploymentProfile first = p.load("acme");
    assertSame(first, p.load("acme"));
    assertEquals(1, p.reads());
    Files.writeString(f, "{\"name\": \"second\"}");
    Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
    assertEquals("second", p.load("acme").name().orElseThrow());
    Path tmp = dir.resolve("acme.tmp");
    Files.writeString(tmp, "{\"name\": \"third\"}");
    Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(f));
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals("third", p.load("acme").name().orElseThrow(), "an atomic replace with the same time and size");
    assertEquals(3, p.reads());
  }

  @Test
  void unknownMalformedAndAmbiguousTargets() throws Exception {
    Files.writeString(dir.resolve("acme.json"), "{}");
    Files.writeString(dir.resolve("twice.json"), "{}");
    Files.writeString(dir.resolve("twice.jsonc"), "{}");
    ProfileDirectory p = new ProfileDirectory(dir);
    ProbeException unknown = assertThrows(ProbeException.class, () -> p.load("nowhere"));
    assertEquals(404, unknown.status());
    assertTrue(unknown.getMessage().contains("known targets: acme, twice"), unknown.getMessage());
    for (String bad : List.of("../acme", "a/b", ".hidden", "", "x".repeat(129), "acme.json\u0000")) {
      assertEquals(400, assertThrows(ProbeException.class, () -> p.load(bad)).status(), bad);
    }
    ProbeException twice = assertThrows(ProbeException.class, () -> p.load("twice"));
    assertEquals(500, twice.status());
    assertTrue(twice.getMessage().contains("remove one"), twice.getMessage());
  }

  @Test
  void aBrokenProfileIs500WithLocatedProblemsAndNoQuotedValues() throws Exception {
    Files.writeString(dir.resolve("acme.jsonc"), "{\n  \"passwordEnv\": \"hunter2 is my password\",\n"
        + "  \"iis\": \"cloud\",\n  \"colour\": 1\n}\n");
    ProfileDirectory p = new ProfileDirectory(dir);
    ProbeException e = assertThrows(ProbeException.class, () -> p.load("acme"));
    assertEquals(500, e.status());
    String m = e.getMessage();
    assertTrue(m.contains("acme.jsonc:2:") && m.contains("acme.jsonc:3:") && m.contains("acme.jsonc:4:"), m);
    assertTrue(m.contains("'passwordEnv' must be an environment variable name"), m);
    assertFalse(m.contains("hunter2"), m);
    assertFalse(m.contains("cloud"), m);
    assertEquals(1, p.reads());
    assertThrows(ProbeException.class, () -> p.load("acme"));
    assertEquals(1, p.reads(), "an unchanged broken file is not read again");
  }

  @Test
  void hideValueLeavesOutOnlyTheQuotedValueAtTheEnd() {
    assertEquals("a.json:2:3: 'iis' must be one of dmz, local but was a value that is not shown",
        ProfileDirectory.hideValue("a.json:2:3: 'iis' must be one of dmz, local but was 'x' but was 'y'"));
    assertEquals("a.json:4:3: unknown key 'colour'", ProfileDirectory.hideValue("a.json:4:3: unknown key 'colour'"));
  }
}
