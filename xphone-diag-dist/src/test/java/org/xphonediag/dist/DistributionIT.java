package org.xphonediag.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution that {@code mvn package} built: the launcher runs the CLI with the archive in the
 * build's folder and without it (silently) anywhere else, passes exit codes through, honours
 * JAVA_HOME and JAVA_OPTS, copes with blanks in paths and symlinks, records an archive for a copy on
 * request; the zip and tar.gz hold bin/ and lib/.
 */
class DistributionIT {
  private static final Path DIST = Path.of(System.getProperty("xphonediag.dist", "target/xphone-diag-0.1.0-SNAPSHOT"))
      .toAbsolutePath();
  private static final String VERSION = DIST.getFileName().toString().substring("xphone-diag-".length());

  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  private Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().remove("JAVA_OPTS");
    pb.environment().remove("XPHONE_DIAG_CDS");
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not end within 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run run(Path launcher, String... args) throws IOException, InterruptedException {
    return run(launcher, Map.of(), args);
  }

  @Test
  void inTheBuildFolderTheArchiveIsMappedAndJsonStaysClean() throws Exception {
    Path launcher = DIST.resolve("bin/xphone-diag");
    Run plain = run(launcher, "findings", "--json");
    assertEquals(0, plain.code(), plain.err());
    assertEquals("", plain.err());
    assertEquals("xphone-diag/1", new ObjectMapper().readTree(plain.out()).get("schema").asText());
    Run logged = run(launcher, Map.of("JAVA_OPTS", "-Xlog:cds=info:stderr"), "findings", "--json");
    assertEquals(0, logged.code());
    assertTrue(logged.err().contains("Mapped dynamic region"), "archive used: " + tail(logged.err()));
    Run off = run(launcher, Map.of("JAVA_OPTS", "-Xlog:cds=info:stderr", "XPHONE_DIAG_CDS", "off"), "--version");
    assertFalse(off.err().contains("Mapped dynamic region"), tail(off.err()));
    assertTrue(off.out().startsWith("xphone-diag " + VERSION), off.out());
  }

  @Test
  void exitCodesPassThrough() throws Exception {
    Path launcher = DIST.resolve("bin/xphone-diag");
    Path sdp = tmp.resolve("private only.sdp");
    try (InputStream in = DistributionIT.class.getResourceAsStream("private-only.sdp")) {
      Files.copy(in, sdp);
    }
    assertEquals(1, run(launcher, "sdp", sdp.toString()).code(), "FAIL finding");
    Run missing = run(launcher, "trace", tmp.resolve("no such.pcap").toString());
    assertEquals(2, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertEquals(2, run(launcher, "no-such-command").code());
  }

  @Test
  void aCopyInAFolderWithBlanksRunsWithoutTheArchiveUntilItRecordsOne() throws Exception {
    Path copy = tmp.resolve("my tools/xphone diag");
    copyTree(DIST, copy);
    Path launcher = copy.resolve("bin/xphone-diag");
    Run moved = run(launcher, Map.of("JAVA_OPTS", "-Xlog:cds=info:stderr"), "findings", "--json");
    assertEquals(0, moved.code(), moved.err());
    assertFalse(moved.err().contains("Mapped dynamic region"), "the build's archive does not fit the copy");
    Run quiet = run(launcher, "findings", "--json");
    assertEquals("", quiet.err(), "no note about the archive");
    new ObjectMapper().readTree(quiet.out());

    Run record = run(launcher, Map.of("XPHONE_DIAG_CDS", "record"));
    assertEquals(0, record.code(), record.err());
    assertEquals(copy.toRealPath() + "\n", Files.readString(copy.resolve("lib/xphone-diag.jsa.home")));
    Run after = run(launcher, Map.of("JAVA_OPTS", "-Xlog:cds=info:stderr"), "findings", "--json");
    assertEquals(0, after.code(), after.err());
    assertTrue(after.err().contains("Mapped dynamic region"), "the recorded archive is used: " + tail(after.err()));

    Path link = tmp.resolve("bin with blank/xd");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, launcher);
    Run viaLink = run(link, "--version");
    assertEquals(0, viaLink.code(), viaLink.err());
    assertTrue(viaLink.out().startsWith("xphone-diag " + VERSION));
  }

  @Test
  void javaHomeAndJavaOptsAreHonoured() throws Exception {
    Path launcher = DIST.resolve("bin/xphone-diag");
    Run bad = run(launcher, Map.of("JAVA_HOME", tmp.resolve("no java").toString()), "--version");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("JAVA_HOME"), bad.err());
    Run opts = run(launcher, Map.of("JAVA_OPTS", "-Dxphone.unused=1 -XX:+PrintCommandLineFlags"), "--version");
    assertEquals(0, opts.code(), opts.err());
    assertTrue(opts.out().contains("-XX:TieredStopAtLevel=1"), opts.out());
    Path other = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    Assumptions.assumeTrue(Files.isExecutable(other.resolve("bin/java")), "no second JDK to check a foreign archive");
    Run foreign = run(launcher, Map.of("JAVA_HOME", other.toString()), "findings", "--json");
    assertEquals(0, foreign.code(), foreign.err());
    assertEquals("", foreign.err(), "an archive of another JVM is skipped silently");
    new ObjectMapper().readTree(foreign.out());
  }

  @Test
  void zipAndTarHoldBinAndLibButNotTheBuildsArchive() throws Exception {
    Set<String> lib = new TreeSet<>();
    try (Stream<Path> s = Files.list(DIST.resolve("lib"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(lib::add);
    }
    assertTrue(lib.contains("xphone-diag-launcher.jar") && lib.contains("xphone-diag-cli-" + VERSION + ".jar"), lib.toString());
    assertFalse(lib.contains("xphone-diag.jar"), "not the shaded jar");
    String base = "xphone-diag-" + VERSION + "/";
    Set<String> zipped = new TreeSet<>();
    try (ZipFile zip = new ZipFile(DIST.resolveSibling("xphone-diag-" + VERSION + ".zip").toFile())) {
      zip.stream().filter(e -> !e.isDirectory()).forEach(e -> zipped.add(e.getName()));
      String bat = new String(zip.getInputStream(zip.getEntry(base + "bin/xphone-diag.bat")).readAllBytes(),
          StandardCharsets.US_ASCII);
      assertTrue(bat.contains("\r\n") && bat.contains("lib\\xphone-diag-launcher.jar"), bat);
    }
    Set<String> expected = new TreeSet<>();
    expected.add(base + "bin/xphone-diag");
    expected.add(base + "bin/xphone-diag.bat");
    lib.forEach(j -> expected.add(base + "lib/" + j));
    assertEquals(expected, zipped);
    Map<String, Integer> tarModes = tarEntries(DIST.resolveSibling("xphone-diag-" + VERSION + ".tar.gz"));
    assertEquals(expected, new TreeSet<>(tarModes.keySet()));
    assertEquals(0755, tarModes.get(base + "bin/xphone-diag"));
  }

  /** File entries of a tar.gz and their modes (ustar headers, as the assembly plugin writes them). */
  private static Map<String, Integer> tarEntries(Path tgz) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
      byte[] h = new byte[512];
      String longName = null;
      while (in.readNBytes(h, 0, 512) == 512) {
        String name = field(h, 0, 100);
        if (name.isEmpty()) {
          break;
        }
        int mode = Integer.parseInt(field(h, 100, 8).strip(), 8);
        long size = Long.parseLong(field(h, 124, 12).strip(), 8);
        char type = (char) h[156];
        String prefix = field(h, 345, 155);
        byte[] data = in.readNBytes((int) ((size + 511) / 512 * 512));
        if (type == 'L') {
          longName = new String(data, 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        if (type == '0' || type == 0) {
          out.put(full, mode & 07777);
        }
      }
    }
    return out;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String tail(String s) {
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
