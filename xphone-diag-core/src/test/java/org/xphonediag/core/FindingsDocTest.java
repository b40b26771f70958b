package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/findings.md documents exactly the catalogue's codes (one anchor each, none extra), each with
 * its title, default severity, meaning, evidence, fix and guide chapter; every ref resolves in the
 * repository; every link into docs/field-guide.md lands on an anchor; the core jar carries both.
 */
class FindingsDocTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");
  private static final Pattern GUIDE_LINK = Pattern.compile("\\]\\(field-guide\\.md#([^)]+)\\)");
  private static final Pattern LOCAL_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");
  /** The chapters of the vendor's guide, as the field guide names them. */
  private static final Set<String> CHAPTERS = Set.of("topology", "ports and paths", "configuration files",
      "the app's connection test", "media", "reading a trace", "known failure patterns", "proxies", "support ticket");
  private static final Pattern CHAPTER_LINK = Pattern.compile("\\[([^\\]]+)\\]\\(field-guide\\.md#");

  private static String read(String name) throws IOException {
    return Files.readString(DOCS.resolve(name), StandardCharsets.UTF_8);
  }

  private static List<String> anchors(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ANCHOR.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Each code's entry: from its anchor to the next anchor. */
  private static Map<String, String> entries(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ANCHOR.matcher(text);
    List<int[]> spans = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
      spans.add(new int[] {m.start(), m.end()});
    }
    for (int i = 0; i < ids.size(); i++) {
      int end = i + 1 < ids.size() ? spans.get(i + 1)[0] : text.length();
      out.put(ids.get(i), text.substring(spans.get(i)[1], end));
    }
    return out;
  }

  @Test
  void findingsDocWhenComparedWithCatalogueThenOneAnchorPerCodeAndNoneExtra() throws IOException {
    List<String> anchors = anchors(read("findings.md"));
    assertEquals(anchors.size(), new TreeSet<>(anchors).size(), "an anchor appears twice: " + anchors);
    Set<String> documented = anchors.stream().filter(a -> a.contains(".")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> codes = FindingCatalog.all().stream().map(FindingCode::code)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(codes);
    missing.removeAll(documented);
    Set<String> extra = new TreeSet<>(documented);
    extra.removeAll(codes);
    assertTrue(missing.isEmpty(), "docs/findings.md lacks an entry (<a id=\"CODE\"></a>) for " + missing);
    assertTrue(extra.isEmpty(), "docs/findings.md documents codes the catalogue does not have: " + extra);
  }

  @Test
  void findingsDocWhenReadThenEveryEntryHasTitleSeverityMeaningEvidenceFixAndChapter() throws IOException {
    Map<String, String> entries = entries(read("findings.md"));
    for (FindingCode c : FindingCatalog.all()) {
      String e = entries.get(c.code());
      assertNotNull(e, c.code());
      assertTrue(e.contains("### `" + c.code() + "`: " + c.title() + "\n"),
          c.code() + ": heading must be ### `" + c.code() + "`: " + c.title());
      assertTrue(e.contains("**Default severity:** " + c.severity() + " "), c.code() + ": default severity "
          + c.severity());
      for (String part : List.of("**Meaning.** ", "**Evidence.** ", "**Fix.** ", "**Guide chapter:** ")) {
        assertTrue(e.contains(part), c.code() + " lacks " + part);
      }
      Matcher ch = CHAPTER_LINK.matcher(e.substring(e.indexOf("**Guide chapter:** ")));
      assertTrue(ch.find(), c.code() + ": the guide chapter links into field-guide.md");
      assertTrue(CHAPTERS.contains(ch.group(1)), c.code() + ": '" + ch.group(1) + "' is not a chapter of the guide "
          + CHAPTERS);
    }
  }

  @Test
  void linksWhenFollowedThenLandOnAnAnchor() throws IOException {
    String findings = read("findings.md");
    Set<String> guideAnchors = Set.copyOf(anchors(read("field-guide.md")));
    Set<String> ownAnchors = Set.copyOf(anchors(findings));
    for (Matcher m = GUIDE_LINK.matcher(findings); m.find();) {
      assertTrue(guideAnchors.contains(m.group(1)), "findings.md links to field-guide.md#" + m.group(1)
          + ", which has no <a id> there");
    }
    for (Matcher m = LOCAL_LINK.matcher(findings); m.find();) {
      assertTrue(ownAnchors.contains(m.group(1)), "findings.md links to #" + m.group(1) + ", which it lacks");
    }
    String guide = read("field-guide.md");
    for (Matcher m = Pattern.compile("\\]\\(findings\\.md#?([^)]*)\\)").matcher(guide); m.find();) {
      assertTrue(m.group(1).isEmpty() || ownAnchors.contains(m.group(1)), "field-guide.md links to findings.md#"
          + m.group(1));
    }
  }

  @Test
  void refWhenResolvedInRepositoryThenFileAndAnchorExist() throws IOException {
    for (FindingCode c : FindingCatalog.all()) {
      String[] parts = c.ref().split("#", 2);
      assertEquals(2, parts.length, c.code() + " ref " + c.ref());
      Path file = Path.of("..").resolve(parts[0]);
      assertTrue(Files.isRegularFile(file), c.code() + ": " + file + " missing");
      assertTrue(anchors(Files.readString(file, StandardCharsets.UTF_8)).contains(parts[1]),
          c.code() + ": no anchor " + parts[1] + " in " + file);
    }
  }

  @Test
  void coreJarWhenLookedUpThenCarriesTheDocs() throws IOException {
    for (String name : List.of("findings.md", "field-guide.md")) {
      try (InputStream in = FindingCatalog.class.getClassLoader()
          .getResourceAsStream(FindingCatalog.DOCS_RESOURCE + name)) {
        assertNotNull(in, FindingCatalog.DOCS_RESOURCE + name + " is not on the class path");
        assertEquals(read(name), new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
      }
    }
  }

  @Test
  void docsWhenReadThenCiteNoDevelopersSheet() throws IOException {
    for (String name : List.of("findings.md", "field-guide.md")) {
      assertFalse(read(name).contains("DOMAIN"), name + " cites the developers' sheet, which is not shipped");
    }
  }
}
