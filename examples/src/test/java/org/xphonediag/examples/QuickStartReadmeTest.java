package org.xphonediag.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickStartReadmeTest {

  private static String between(String text, String begin, String end) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    assertTrue(b >= 0 && e > b, "markers " + begin + " / " + end + " present");
    return text.substring(text.indexOf('\n', b) + 1, e);
  }

  private static String normalise(String code) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("```") && !t.startsWith("//")) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void readmeWhenComparedWithCompiledExampleThenIdentical() throws Exception {
    String source = Files.readString(Path.of("src/main/java/org/xphonediag/examples/QuickStart.java"));
    String readme = Files.readString(Path.of("../README.md"));
    assertEquals(normalise(between(source, "// quickstart:begin", "// quickstart:end")),
        normalise(between(readme, "<!-- quickstart:begin -->", "<!-- quickstart:end -->")),
        "README quick start and QuickStart.java differ: copy the code between the markers");
  }

  @Test
  void readmeWhenComparedWithCatalogueThenEveryCodeListedWithItsSeverity() throws Exception {
    String table = between(Files.readString(Path.of("../README.md")), "<!-- catalogue:begin -->",
        "<!-- catalogue:end -->");
    for (org.xphonediag.core.FindingCode c : org.xphonediag.core.FindingCatalog.all()) {
      assertTrue(table.contains("| `" + c.code() + "` | " + c.severity() + " | "),
          "README's finding catalogue lacks " + c.code() + " (" + c.severity() + ")");
    }
    assertEquals(org.xphonediag.core.FindingCatalog.all().size(), table.lines().filter(l -> l.startsWith("| `")).count(),
        "README lists codes the catalogue does not have");
  }

  @Test
  void mainWhenPrivateCandidateThenReportNamesMissingPublicCandidate() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[] {"10.0.50.118"});
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("xphone-diag quickstart: FAIL"), out);
    assertTrue(out.contains("media.missing-public-candidate: the XCC offered only 10.0.50.118 (private)"), out);
  }
}
