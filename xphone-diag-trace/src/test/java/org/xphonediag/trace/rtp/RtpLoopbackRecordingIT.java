package org.xphonediag.trace.rtp;

import org.xphonediag.trace.Dumpcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.trace.TraceAnalyzer;

/**
 * Records real RTP on loopback with dumpcap (a paced 20 ms PCMU sender with three sequence numbers
 * skipped, and an echo peer that answers with its own SSRC) and compares our streams with tshark's.
 */
class RtpLoopbackRecordingIT {
  private static final int SENT = 200;
  private static final Set<Integer> SKIPPED = Set.of(50, 51, 120);

  @TempDir
  Path dir;

  @Test
  void recordedLoopbackRtpMatchesTshark() throws Exception {
    TsharkRtp.assumeInstalled();
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress(lo, 0));
        DatagramSocket echo = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      caller.setSoTimeout(5000);
      echo.setSoTimeout(5000);
      Path f = dir.resolve("loopback-rtp.pcapng");
      String filter = "udp port " + caller.getLocalPort() + " and udp port " + echo.getLocalPort();
      // No packet count: the first packets may go out before the capture filter is active, so the
      // capture is stopped once the echo has answered everything, and ours is compared with tshark's
      // reading of the same file.
      Process dumpcap = Dumpcap.start(filter, f, 0, 60);
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      Thread echoer = null;
      try {
        echoer = new Thread(() -> echo(echo));
        echoer.start();
        CountDownLatch sent = new CountDownLatch(1);
        AtomicInteger seq = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        InetSocketAddress to = new InetSocketAddress(lo, echo.getLocalPort());
        pacer.scheduleAtFixedRate(() -> {
          int s = seq.getAndIncrement();
          if (count.get() >= SENT) {
            sent.countDown();
            return;
          }
          if (SKIPPED.contains(s)) {
            return;
          }
          ByteBuffer b = ByteBuffer.allocate(172);
          b.put((byte) 0x80).put((byte) 0).putShort((short) (s + 65400)).putInt(160 * s).putInt(0x5EED0001);
          try {
            caller.send(new DatagramPacket(b.array(), b.capacity(), to));
            count.incrementAndGet();
          } catch (java.io.IOException e) {
            sent.countDown();
          }
        }, 0, 20, TimeUnit.MILLISECONDS);
        assertTrue(sent.await(30, TimeUnit.SECONDS), "sender did not finish");
        echoer.join(10_000);
        Dumpcap.stop(dumpcap);
      } finally {
        pacer.shutdownNow();
        dumpcap.destroy();
        if (echoer != null) {
          echoer.interrupt();
        }
      }
      echoer.join(10_000);
      List<TsharkRtp.Row> rows = RtpTsharkComparisonIT.assertMatchesTshark(f, 2, true);
      assertTrue(rows.stream().allMatch(r -> r.lost() >= SKIPPED.size()), "tshark: " + rows);
      RtpAnalysis a = RtpAnalyzer.builder().build().analyze(f, List.of(
          MediaHint.answered(1, "127.0.0.1:" + caller.getLocalPort(), Instant.EPOCH),
          MediaHint.answered(1, "127.0.0.1:" + echo.getLocalPort(), Instant.EPOCH)));
      assertEquals(2, a.streams().size());
      // The three skipped sequence numbers are lost in both directions (more only if the capture
      // started late, which moves the first sequence number, never the gaps).
      assertTrue(a.streams().stream().allMatch(s -> s.lost() == 3 && s.lossBursts() == 2 && s.maxBurst() == 2),
          a.streams().toString());
      assertTrue(a.has("media.packet-loss"), "1.5 % loss is above the 1 % default");
      assertTrue(!a.has("media.one-way-audio") && !a.has("media.no-rtp"));
      assertTraceStreamsMatch(f, rows);
    }
  }

  /** The trace's own pass (the trace command's {@code data.streams}) reads the recording as tshark does. */
  @SuppressWarnings("unchecked")
  static void assertTraceStreamsMatch(Path f, List<TsharkRtp.Row> rows) throws Exception {
    Report r = TraceAnalyzer.builder().build().report(f);
    List<Details> streams = (List<Details>) r.data().asMap().get("streams");
    assertEquals(rows.size(), streams.size(), streams.toString());
    for (Details d : streams) {
      Map<String, Object> s = d.asMap();
      String key = s.get("source") + " " + s.get("destination") + " " + s.get("ssrcHex");
      TsharkRtp.Row t = rows.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow(() ->
          new AssertionError("tshark has no stream " + key + ": " + rows));
      assertEquals(t.packets(), ((Number) s.get("packets")).longValue(), "packets of " + key);
      assertEquals(t.lost(), ((Number) s.get("lost")).longValue(), "lost of " + key);
      assertEquals(t.maxDeltaMs(), ((Number) s.get("maxDeltaMs")).doubleValue(), 0.0015, "max delta of " + key);
      assertEquals(t.maxJitterMs(), ((Number) s.get("maxJitterMs")).doubleValue(), 0.0015, "max jitter of " + key);
    }
  }

  /** Echoes each packet back with SSRC 0x5eed0002 until {@link #SENT} were echoed or 5 s pass in silence. */
  private static void echo(DatagramSocket s) {
    byte[] buf = new byte[2048];
    try {
      for (int i = 0; i < SENT && !Thread.currentThread().isInterrupted(); i++) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        ByteBuffer.wrap(buf, 8, 4).putInt(0x5EED0002);
        s.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
      }
    } catch (java.io.IOException e) {
      // socket closed or silent: the test's assertions report what is missing
    }
  }
}
