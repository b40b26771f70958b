package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar's outputs and signals, in their own processes: a ticket or report is replaced as a whole
 * (a failed or killed write keeps the old file), a write that fails is exit 2 with one line, and
 * SIGTERM/SIGINT give the partial report, exit 143/130 and no temporary files.
 */
class OutputAndSignalsIT {

  private static String[] lines(String s) {
    return s.lines().toArray(String[]::new);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static Path random(Path file, int bytes) throws IOException {
    byte[] b = new byte[bytes];
    new SplittableRandom(bytes).nextBytes(b);
    return Files.write(file, b);
  }

  // ---- atomic replacement -----------------------------------------------------------------------

  @Test
  void ticketWhenRewriteFailsThenOldTicketIntactAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("ticket.zip");
    JarProcess.Result first = JarProcess.run(List.of("ticket", "--out", zip.toString(), "--answer", "symptom=no audio"),
        Map.of(), Duration.ofSeconds(60));
    assertEquals(0, first.exit(), first.err());
    byte[] old = Files.readAllBytes(zip);
    Path big = random(dir.resolve("capture.pcap"), 3 << 20);
    // The shell limits the files it creates to 1 MB: the JVM's write fails with EFBIG half-way.
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -f 1024; exec \"$@\"", "bash"));
    cmd.addAll(JarProcess.command(List.of("ticket", "--out", zip.toString(), "--capture", big.toString())));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    assertEquals(1, lines(err).length, err);
    assertTrue(err.startsWith("xphone-diag: cannot write ticket " + zip + ": File too large"), err);
    assertArrayEquals(old, Files.readAllBytes(zip));
    assertEquals(List.of(big, zip), list(dir));
  }

  @Test
  void ticketWhenKilledMidWriteThenOldTicketIntact(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("ticket.zip");
    JarProcess.Result first = JarProcess.run(List.of("ticket", "--out", zip.toString(), "--answer", "symptom=no audio"),
        Map.of(), Duration.ofSeconds(60));
    assertEquals(0, first.exit(), first.err());
    byte[] old = Files.readAllBytes(zip);
    Path big = random(dir.resolve("capture.pcap"), 200 << 20);
    Process p = new ProcessBuilder(JarProcess.command(List.of("ticket", "--out", zip.toString(), "--capture",
        big.toString(), "--max-file-mib", "1024"))).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Path temp = null;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (temp == null && p.isAlive() && System.nanoTime() < end) {
      for (Path f : list(dir)) {
        if (f.getFileName().toString().startsWith(".ticket.zip.") && Files.size(f) > 0) {
          temp = f;
        }
      }
      Thread.sleep(5);
    }
    assumeTrue(temp != null && p.isAlive(), "the write ended before it could be killed");
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue());
    assertArrayEquals(old, Files.readAllBytes(zip));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertTrue(z.getEntry("README.txt") != null);
    }
    // a killed process cannot clean up: what it leaves is the temporary file, recognisable by its name
    for (Path f : list(dir)) {
      assertTrue(f.equals(zip) || f.equals(big) || f.getFileName().toString().matches("\\.ticket\\.zip\\.[0-9a-f]{12}\\.tmp"),
          f.toString());
    }
  }

  @Test
  void outputWhenRewrittenThenReplacedWhole(@TempDir Path dir) throws Exception {
    Path report = Files.writeString(dir.resolve("findings.json"), "old report");
    JarProcess.Result r = JarProcess.run(List.of("findings", "--json", "--output", report.toString()), Map.of(),
        Duration.ofSeconds(60));
    assertEquals(0, r.exit(), r.err());
    JsonNode doc = new ObjectMapper().readTree(report.toFile());
    assertEquals("xphone-diag/1", doc.get("schema").asText());
    assertEquals(List.of(report), list(dir));
  }

  @Test
  void doctorInitWhenWrittenThenTemplateAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("site.jsonc");
    JarProcess.Result r = JarProcess.run(List.of("doctor", "--init", profile.toString()), Map.of(),
        Duration.ofSeconds(60));
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(profile).contains("webApiUrl"));
    assertEquals(List.of(profile), list(dir));
  }

  // ---- failed writes ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "html", "markdown", "junit"})
  void stdoutWhenDeviceFullThenExit2WithOneLine(String format) throws Exception {
    Process p = new ProcessBuilder(JarProcess.command(List.of("findings", "--format", format)))
        .redirectOutput(new File("/dev/full")).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    assertArrayEquals(new String[] {"xphone-diag: cannot write to standard output: No space left on device"},
        lines(err));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "html", "markdown", "junit"})
  void outputWhenDeviceFullThenExit2WithOneLine(String format) throws Exception {
    JarProcess.Result r = JarProcess.run(List.of("findings", "--format", format, "--output", "/dev/full"), Map.of(),
        Duration.ofSeconds(60));
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("xphone-diag: cannot write --output /dev/full: ")
        && r.err().contains("No space left on device"), r.err());
  }

  @Test
  void stdoutWhenClosedThenExit2WithOneLine() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" >&-", "bash"));
    cmd.addAll(JarProcess.command(List.of("findings")));
    Process p = new ProcessBuilder(cmd).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), err);
    assertEquals(1, lines(err).length, err);
    assertTrue(err.startsWith("xphone-diag: cannot write to standard output: "), err);
  }

  // ---- signals ------------------------------------------------------------------------------------

  /** Starts the jar with its own temporary folder; stdout and stderr go to files. */
  private static Process start(Path tmp, Path out, Path err, String... args) throws IOException {
    List<String> cmd = JarProcess.command(List.of(args));
    cmd.add(1, "-Djava.io.tmpdir=" + tmp);
    return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  /** Sends {@code signal} (e.g. {@code TERM}) to the process. */
  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void doctorDemoWhenSigtermThenPartialReportNoTemporaryFilesExit143(@TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.txt");
    // black hole: the WebAPI accepts connections and never answers, so webapi.health waits its whole
    // 10 s budget and the run is still going when the signal comes
    Process p = start(tmp, out, err, "doctor", "--demo", "--scenario", "black-hole", "--json");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (list(tmp).stream().noneMatch(f -> f.getFileName().toString().startsWith("xphone-diag-demo"))
        && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    Thread.sleep(2000); // the lab is up and the doctor is running
    assertTrue(p.isAlive(), "the doctor ended before the signal");
    long t0 = System.nanoTime();
    signal(p, "TERM");
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(143, p.exitValue(), Files.readString(err));
    assertTrue(ms < 10_000, "took " + ms + " ms after SIGTERM");
    JsonNode doc = new ObjectMapper().readTree(out.toFile());
    assertTrue(doc.get("cancelled").asBoolean(), doc.toString());
    boolean cancelledCheck = false;
    for (JsonNode r : doc.get("results")) {
      cancelledCheck |= "SKIPPED".equals(r.get("status").asText()) && r.get("summary").asText().contains("cancelled");
    }
    assertTrue(cancelledCheck, "an unfinished check is SKIPPED as cancelled: " + doc);
    assertEquals(List.of(), list(tmp), "the demo's folder (with its generated Secret) is removed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void sweepWhenSignalledThenPartialReportAndShellExitCode(String signal, @TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    // 2 packets/s over 200 ports: the sweep would take its whole 60 s budget
    Process p = start(tmp, out, err, "sweep", "127.0.0.1", "--ports", "40000-40199", "--rate", "2", "--budget", "60s");
    if ("INT".equals(signal)) {
      assumeTrue(!sigintIgnored(p), "SIGINT is ignored in this process tree (a background job)");
    }
    Thread.sleep(2500);
    assumeTrue(p.isAlive(), "the sweep ended before the signal");
    signal(p, signal);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no exit after SIG" + signal);
    assertEquals("INT".equals(signal) ? 130 : 143, p.exitValue(), Files.readString(err));
    String report = Files.readString(out);
    assertTrue(report.startsWith("xphone-diag sweep: SKIPPED") && report.contains("cancelled"), report);
    assertEquals("", Files.readString(err));
  }

  private static boolean sigintIgnored(Process p) throws Exception {
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    for (int i = 0; i < 50 && !Files.exists(status); i++) {
      Thread.sleep(10);
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
      }
    }
    return false;
  }
}
