package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar as users do: {@code java -jar xphone-diag-cli/target/xphone-diag.jar}. */
class CliJarIT {
  private static final Path JAR = Path.of("target", "xphone-diag.jar");

  record Result(int exit, String out, String err) {}

  static Result run(String... args) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("xphone-diag " + String.join(" ", args) + " did not end within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void findingsWhenJsonThenCatalogueOnStdout() throws Exception {
    Result r = run("findings", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertTrue(doc.get("data").get("findings").size() >= 60);
  }

  @Test
  void badOptionWhenGivenThenExit2AndOneLineOnStderr() throws Exception {
    Result r = run("findings", "--no-such-option");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(List.of("xphone-diag: Unknown option: '--no-such-option' (see 'xphone-diag findings --help')"),
        r.err().lines().toList());
  }
}
