package org.xphonediag.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's binaries (Debian package {@code prometheus}, which {@code .ci/run} installs) and the
 * example configuration under {@code examples/prometheus}. Without the package a test is skipped on a
 * developer's machine and fails in CI ({@code CI} set), where it must be installed.
 */
final class Promtool {
  private Promtool() {}

  /** The folder with {@code prometheus/} and {@code grafana/} examples. */
  static Path examples() {
    return Path.of(System.getProperty("xphonediag.examples", "../examples")).toAbsolutePath().normalize();
  }

  /** The binary {@code name} on the PATH; skips (or in CI fails) the test when it is missing. */
  static Path binary(String name) {
    Optional<Path> found = Optional.empty();
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        found = Optional.of(p);
        break;
      }
    }
    if (found.isEmpty() && System.getenv("CI") != null) {
      throw new AssertionError(name + " is not installed; .ci/run installs the Debian package prometheus");
    }
    Assumptions.assumeTrue(found.isPresent(), name + " (Debian package prometheus) is not installed: skipping");
    return found.get();
  }

  /** Runs {@code args} (at most 60 s) and returns exit code and combined output. */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readNBytes(1 << 20);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not end within 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}
}
