package org.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The partner's test classpath: no class in two places, and okhttp3 only from the partner's own
 * OkHttp (system property {@code expected.okhttp.jar}: its file name, or {@code none}).
 */
class ClasspathTest {

  private static List<Path> classpath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> entries = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(Path.of(e));
      }
    }
    return entries;
  }

  private static List<String> classesIn(Path entry) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        files.filter(p -> p.toString().endsWith(".class"))
            .forEach(p -> names.add(entry.relativize(p).toString().replace(File.separatorChar, '/')));
      }
    } else if (Files.isRegularFile(entry)) {
      try (JarFile jar = new JarFile(entry.toFile())) {
        for (JarEntry je : Collections.list(jar.entries())) {
          String n = je.getName();
          // one copy per JDK version is how a multi-release jar works, not a duplicate
          if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
            names.add(n);
          }
        }
      }
    }
    names.removeIf(n -> n.endsWith("module-info.class"));
    return names;
  }

  @Test
  void classpathWhenScannedThenNoClassInTwoEntries() throws IOException {
    Map<String, List<String>> where = new TreeMap<>();
    for (Path entry : classpath()) {
      for (String c : classesIn(entry)) {
        where.computeIfAbsent(c, k -> new ArrayList<>()).add(entry.getFileName().toString());
      }
    }
    Map<String, List<String>> duplicates = new TreeMap<>();
    where.forEach((c, entries) -> {
      if (entries.size() > 1) {
        duplicates.put(c, entries);
      }
    });
    assertTrue(duplicates.isEmpty(), duplicates.size() + " classes in more than one classpath entry, e.g. "
        + duplicates.entrySet().stream().limit(5).toList());
  }

  @Test
  void okhttpWhenLookedUpThenOnlyThePartnersOwn() throws IOException {
    String expected = System.getProperty("expected.okhttp.jar", "none");
    Enumeration<URL> found = getClass().getClassLoader().getResources("okhttp3/OkHttpClient.class");
    List<String> jars = new ArrayList<>();
    for (URL u : Collections.list(found)) {
      String s = u.toString();
      int bang = s.indexOf("!/");
      jars.add(s.substring(s.lastIndexOf('/', bang < 0 ? s.length() : bang) + 1, bang < 0 ? s.length() : bang));
    }
    assertEquals(expected.equals("none") ? List.of() : List.of(expected), jars);
  }
}
