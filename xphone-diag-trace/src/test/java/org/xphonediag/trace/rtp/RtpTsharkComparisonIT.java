package org.xphonediag.trace.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xphonediag.trace.rtp.RtpCapture.Shape.randomJitter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares our per-stream packets, lost packets, max delta, max and mean jitter with tshark's {@code
 * -z rtp,streams} on captures written here with induced loss, reordering, duplicates, jitter,
 * sequence wrap-around, one-way media, and talk spurts (marker bit after a silence).
 */
class RtpTsharkComparisonIT {
  private static final long MS = 1_000_000L;
  private static final String A = "10.1.1.1";
  private static final String B = "10.2.2.2";

  @TempDir
  Path dir;

  @BeforeAll
  static void tsharkInstalled() {
    TsharkRtp.assumeInstalled();
  }

  /** Compares every stream; {@code compareLost} false where tshark counts duplicates against loss. */
  static List<TsharkRtp.Row> assertMatchesTshark(Path f, int streams, boolean compareLost) throws Exception {
    Map<String, TsharkRtp.Row> ref = TsharkRtp.streams(f).stream()
        .collect(Collectors.toMap(TsharkRtp.Row::key, Function.identity(), (a, b) -> a, TreeMap::new));
    Map<String, RtpStream> ours = RtpAnalyzer.builder().build().analyze(f, List.of()).streams().stream()
        .collect(Collectors.toMap(s -> s.source() + " " + s.destination() + " " + s.ssrcHex(), Function.identity(),
            (a, b) -> a, TreeMap::new));
    assertEquals(streams, ref.size(), "tshark streams " + ref.keySet());
    assertEquals(ref.keySet(), ours.keySet());
    for (Map.Entry<String, TsharkRtp.Row> e : ref.entrySet()) {
      TsharkRtp.Row t = e.getValue();
      RtpStream s = ours.get(e.getKey());
      String where = e.getKey() + " in " + f.getFileName();
      assertEquals(t.packets(), s.packets(), "packets of " + where);
      if (compareLost) {
        assertEquals(t.lost(), s.lost(), "lost of " + where);
      }
      assertEquals(t.maxDeltaMs(), s.maxDeltaMs(), 0.0015, "max delta of " + where);
      assertEquals(t.maxJitterMs(), s.maxJitterMs(), 0.0015, "max jitter of " + where);
      assertEquals(t.meanJitterMs(), s.meanJitterMs(), 0.0015, "mean jitter of " + where);
    }
    return List.copyOf(ref.values());
  }

  @Test
  void randomJitterMatches() throws Exception {
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 0xCAFEBABEL, 1000, 1500, RtpCapture.T0, randomJitter(1, 15))
        .stream(B, 30000, A, 20000, 0x0BADF00DL, 5, 1500, RtpCapture.T0 + 3 * MS, randomJitter(2, 4))
        .write(dir.resolve("jitter.pcapng"));
    List<TsharkRtp.Row> rows = assertMatchesTshark(f, 2, true);
    assertTrue(rows.stream().allMatch(r -> r.maxJitterMs() > 0.5), "tshark saw jitter: " + rows);
  }

  @Test
  void lossBurstsMatch() throws Exception {
    RtpCapture.Shape lossy = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i % 97 < 3 || i >= 600 && i < 640;
      }
    };
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 1, 300, 1000, RtpCapture.T0, lossy)
        .write(dir.resolve("loss.pcapng"));
    assertEquals(70, assertMatchesTshark(f, 1, true).get(0).lost());
  }

  @Test
  void sequenceWrapAroundWithLossMatches() throws Exception {
    RtpCapture.Shape lossy = new RtpCapture.Shape() {
      @Override
      public boolean drop(int i) {
        return i == 530 || i == 540 || i == 541;
      }
    };
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 0xFFFFFFFFL, 65000, 1200, RtpCapture.T0, lossy)
        .write(dir.resolve("wrap.pcapng"));
    assertEquals(3, assertMatchesTshark(f, 1, true).get(0).lost());
  }

  @Test
  void reorderingMatches() throws Exception {
    RtpCapture.Shape reorder = new RtpCapture.Shape() {
      @Override
      public long delayNanos(int i) {
        return i % 50 == 10 ? 45 * MS : 0;
      }
    };
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 9, 100, 800, RtpCapture.T0, reorder)
        .write(dir.resolve("reorder.pcapng"));
    assertEquals(0, assertMatchesTshark(f, 1, true).get(0).lost());
    assertEquals(16, RtpAnalyzer.builder().build().analyze(f, List.of()).streams().get(0).reordered());
  }

  @Test
  void duplicatesMatchInPacketCount() throws Exception {
    RtpCapture.Shape dups = new RtpCapture.Shape() {
      @Override
      public int copies(int i) {
        return i % 100 == 20 ? 2 : 1;
      }
    };
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 9, 100, 800, RtpCapture.T0, dups)
        .write(dir.resolve("dups.pcapng"));
    assertMatchesTshark(f, 1, false);
    RtpStream s = RtpAnalyzer.builder().build().analyze(f, List.of()).streams().get(0);
    assertEquals(8, s.duplicates());
    assertEquals(0, s.lost());
  }

  @Test
  void oneWayMediaMatchesAndIsFlagged() throws Exception {
    Path f = new RtpCapture().stream(A, 20000, B, 30000, 77, 1, 300, RtpCapture.T0 + MS, randomJitter(3, 8))
        .write(dir.resolve("oneway.pcapng"));
    assertMatchesTshark(f, 1, true);
    RtpAnalysis a = RtpAnalyzer.builder().build().analyze(f, List.of(
        MediaHint.answered(1, A + ":20000", java.time.Instant.ofEpochSecond(0, RtpCapture.T0)),
        MediaHint.answered(1, B + ":30000", java.time.Instant.ofEpochSecond(0, RtpCapture.T0))));
    assertFalse(a.findings().isEmpty());
    assertEquals("media.one-way-audio", a.findings().get(0).code());
  }

  @Test
  void talkSpurtsMatchTsharksMaxDelta() throws Exception {
    RtpCapture c = new RtpCapture();
    long t = RtpCapture.T0;
    int seq = 1;
    long ts = 0;
    for (int spurt = 0; spurt < 3; spurt++) {
      for (int i = 0; i < 60; i++) {
        c.rtpMarked(A, 20000, B, 30000, 0xABCDL, 0, seq++, ts, t, i == 0 && spurt > 0);
        ts += 160;
        t += 20 * MS + (i % 7) * MS / 3;
      }
      t += 800 * MS; // silence suppressed: the next packet carries the marker bit
      ts += 6400;
    }
    Path f = c.write(dir.resolve("spurts.pcapng"));
    List<TsharkRtp.Row> rows = assertMatchesTshark(f, 1, true);
    assertTrue(rows.get(0).maxDeltaMs() < 100, "tshark leaves the gaps before marker packets out: " + rows);
  }
}
