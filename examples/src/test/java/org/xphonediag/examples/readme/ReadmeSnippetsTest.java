package org.xphonediag.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README marked {@code <!-- snippet:NAME -->} is the code between
 * {@code // snippet:NAME} and {@code // end:NAME} in this package's tests, which compile and run it
 * (indentation and blank lines aside; {@code System.out.println} in the README is the tests'
 * {@code println}). A snippet in the README without code here, or code here the README does not
 * show, fails the test.
 */
class ReadmeSnippetsTest {
  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- snippet:([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_REGION =
      Pattern.compile("// snippet:([a-z-]+)\\n(.*?)// end:\\1\\n", Pattern.DOTALL);

  private static String normalise(String code) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n")) {
      String t = line.strip().replace("System.out.println(", "println(");
      if (!t.isEmpty()) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void readmeSnippetsWhenComparedWithTestedCodeThenIdentical() throws IOException {
    Map<String, String> readme = new LinkedHashMap<>();
    Matcher m = README_BLOCK.matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
    while (m.find()) {
      readme.put(m.group(1), normalise(m.group(2)));
    }
    Map<String, String> tested = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("src", "test", "java", "org", "xphonediag", "examples", "readme"))) {
      for (Path f : files.sorted().toList()) {
        Matcher s = SOURCE_REGION.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (s.find()) {
          tested.put(s.group(1), normalise(s.group(2)));
        }
      }
    }
    assertTrue(readme.size() >= 6, "README snippets: " + readme.keySet());
    assertEquals(tested.keySet(), readme.keySet(), "snippets in the README vs tested code");
    for (String name : readme.keySet()) {
      assertEquals(tested.get(name), readme.get(name), "README snippet " + name + " differs from the tested code");
    }
  }
}
