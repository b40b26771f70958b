package org.xphonediag.consumerits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bom-closure partner project takes exactly the artifacts the BOM lists, so the enforcer rule
 * it runs covers every one of them; and the BOM lists no application.
 */
class BomListTest {
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(xphone-diag-[a-z-]+)</artifactId>");

  private static List<String> artifacts(String xml) {
    List<String> ids = new ArrayList<>();
    Matcher m = ARTIFACT.matcher(xml);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String between(String text, String begin, String end) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end, b);
    if (b < 0 || e < 0) {
      throw new AssertionError("markers " + begin + " / " + end + " missing");
    }
    return text.substring(b, e);
  }

  @Test
  void bomClosureProjectWhenComparedWithBomThenTakesEveryListedArtifact() throws Exception {
    String bom = Files.readString(Path.of("../xphone-diag-bom/pom.xml"));
    List<String> listed = artifacts(between(bom, "<dependencyManagement>", "</dependencyManagement>"));
    String partner = Files.readString(Path.of("src/it/bom-closure/pom.xml"));
    List<String> taken = artifacts(between(partner, "<!-- bom:begin -->", "<!-- bom:end -->"));
    assertFalse(listed.isEmpty());
    assertEquals(listed.stream().sorted().toList(), taken.stream().sorted().toList(),
        "src/it/bom-closure/pom.xml must depend on exactly the artifacts xphone-diag-bom lists");
    List<String> installed = artifacts(between(Files.readString(Path.of("pom.xml")), "<dependencies>",
        "</dependencies>"));
    installed.remove("xphone-diag-bom");
    assertEquals(listed.stream().sorted().toList(), installed.stream().sorted().toList(),
        "consumer-its/pom.xml must depend on every artifact xphone-diag-bom lists, so invoker:install installs it");
  }

  @Test
  void bomWhenReadThenListsNoApplication() throws Exception {
    String bom = Files.readString(Path.of("../xphone-diag-bom/pom.xml"));
    assertFalse(artifacts(bom).contains("xphone-diag-cli"), "the CLI is an application, not a library to import");
  }
}
