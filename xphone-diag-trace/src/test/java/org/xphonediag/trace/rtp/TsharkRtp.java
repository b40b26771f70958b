package org.xphonediag.trace.rtp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tshark -q -z rtp,streams} (the reference) and reads its stream table. Public for the
 * CLI's comparison tests (this module's test jar).
 */
public final class TsharkRtp {
  private TsharkRtp() {}

  /** Skips the calling test (JUnit assumption) when tshark is not installed. */
  public static void assumeInstalled() {
    boolean ok;
    try {
      Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(ok, "tshark is not installed (Debian package tshark)");
  }

  /** One row of tshark's table: the fields we compare. */
  public record Row(String source, String destination, long ssrc, long packets, long lost, double maxDeltaMs,
      double maxJitterMs, double meanJitterMs) {
    /** {@code source destination 0x%08x}. */
    public String key() {
      return source + " " + destination + " " + String.format(Locale.ROOT, "0x%08x", ssrc);
    }
  }

  public static List<String> command(Path file) {
    return List.of("tshark", "-n", "-q", "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams", "-r", file.toString());
  }

  /** The rows of the table. */
  public static List<Row> streams(Path file) throws Exception {
    Process p = new ProcessBuilder(command(file)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("tshark failed on " + file);
    }
    List<Row> rows = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.strip().split("\\s+");
      // start end srcIp srcPort dstIp dstPort ssrc payload pkts lost (pct) minD meanD maxD minJ meanJ maxJ [X]
      if (f.length < 17 || !f[6].startsWith("0x")) {
        continue;
      }
      rows.add(new Row(f[2] + ":" + f[3], f[4] + ":" + f[5], Long.parseLong(f[6].substring(2), 16),
          Long.parseLong(f[8]), Long.parseLong(f[9]), Double.parseDouble(f[13]), Double.parseDouble(f[16]),
          Double.parseDouble(f[15])));
    }
    return rows;
  }
}
