package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar target/xphone-diag.jar} in its own process, as users do, and measures it:
 * wall time and peak resident memory. The peak is {@code VmHWM} of {@code /proc/<pid>/status},
 * sampled every 10 ms while the process lives (a high-water mark, so the last sample misses at most
 * what the last 10 ms added), and its CPU time likewise; {@code /usr/bin/time} is not on a fresh
 * Debian machine.
 */
final class JarProcess {
  static final Path JAR = Path.of("target", "xphone-diag.jar");

  /** What a run printed and cost. */
  record Result(int exit, String out, String err, Duration wall, long maxRssKb, Duration cpu) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private JarProcess() {}

  /** The command line for the jar with {@code args}. */
  static List<String> command(List<String> args) {
    assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(args);
    return cmd;
  }

  /** Runs the jar, stdin from /dev/null, and waits at most {@code limit} (then kills it: exit -1). */
  static Result run(List<String> args, Map<String, String> env, Duration limit) throws IOException, InterruptedException {
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      long t0 = System.nanoTime();
      Process p = pb.start();
      long rss = 0;
      long ticks = 0;
      Path status = Path.of("/proc", Long.toString(p.pid()), "status");
      Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
      long end = t0 + limit.toNanos();
      while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
        rss = Math.max(rss, vmHwmKb(status));
        ticks = Math.max(ticks, cpuTicks(stat));
        if (System.nanoTime() > end) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(5, TimeUnit.SECONDS);
          return new Result(-1, Files.readString(out, StandardCharsets.UTF_8),
              "did not end within " + limit + "; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8),
              Duration.ofNanos(System.nanoTime() - t0), rss, Duration.ofMillis(ticks * 10));
        }
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), wall, rss, Duration.ofMillis(ticks * 10));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * User plus system CPU time in clock ticks (10 ms on Linux), from {@code /proc/<pid>/stat}; 0 when
   * the process is gone. Shown next to the wall time: on a machine loaded by other work the wall
   * time grows, the CPU time does not.
   */
  static long cpuTicks(Path stat) {
    try {
      String s = Files.readString(stat, StandardCharsets.US_ASCII);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** VmHWM in KiB, 0 when the process is gone or the line is missing. */
  static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between two samples
    }
    return 0;
  }
}
