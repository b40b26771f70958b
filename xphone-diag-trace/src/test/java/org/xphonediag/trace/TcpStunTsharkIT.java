package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.net.Transport;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * STUN over TCP compared frame by frame with tshark ({@code stun.type}, {@code stun.id} and the
 * address attributes): captures written here, back to back (RFC 8489 §6.2.2) and RFC 4571 framed
 * (RFC 6544), with messages across segments and several per segment; and binding requests sent over
 * TCP to a real coturn, recorded now with dumpcap on loopback.
 */
class TcpStunTsharkIT {
  @TempDir
  Path dir;

  private static final long T0 = 1_700_000_000_000_000_000L;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void writtenTcpStunAcrossAndWithinSegmentsMatchesTshark(boolean rfc4571) throws Exception {
    Path f = dir.resolve("tcp-stun.pcapng");
    byte[] split = wrap(rfc4571, Stun.request(1, "xccUfrag:cliUfrag"));
    byte[] two = Sip.concat(wrap(rfc4571, Stun.request(2, "xccUfrag:cliUfrag")),
        wrap(rfc4571, Stun.request(3, "xccUfrag:cliUfrag")));
    byte[] answers = Sip.concat(wrap(rfc4571, Stun.success(1, TcpStunTest.CLIENT, 50123)),
        wrap(rfc4571, Stun.success(2, TcpStunTest.CLIENT, 50123)), wrap(rfc4571, Stun.error(3, 401, "Unauthorized")));
    int cut = 30;
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      long seq = 1000;
      w.writePacket(eth, T0, PacketBuilder.ethernet(TcpStunTest.toXcc(seq, Arrays.copyOf(split, cut))));
      w.writePacket(eth, T0 + 1000, PacketBuilder.ethernet(TcpStunTest.toXcc(seq + cut,
          Arrays.copyOfRange(split, cut, split.length))));
      seq += split.length;
      w.writePacket(eth, T0 + 2000, PacketBuilder.ethernet(TcpStunTest.toXcc(seq, two)));
      // the answers: one message whole, one across two segments, the last in the second segment too
      int answerCut = answers.length - (rfc4571 ? 2 : 0) - Stun.error(3, 401, "Unauthorized").length - 12;
      w.writePacket(eth, T0 + 3000, PacketBuilder.ethernet(TcpStunTest.toClient(5000,
          Arrays.copyOf(answers, answerCut))));
      w.writePacket(eth, T0 + 4000, PacketBuilder.ethernet(TcpStunTest.toClient(5000 + answerCut,
          Arrays.copyOfRange(answers, answerCut, answers.length))));
    }
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(List.of(2L, 3L, 4L, 5L), List.copyOf(ours.keySet()), ours.toString());
    // tshark's TCP heuristics alone miss the message split over the stream's first two segments
    assertEquals(List.of(3L, 4L, 5L), List.copyOf(Tshark.tshark(f).keySet()));
    assertEquals(Tshark.tshark(f, List.of("tcp.port==31000,stun")), ours);
    assertTrue(ours.get(5L).contains(HexFormat.of().formatHex(Stun.txid(3))), ours.get(5L));
  }

  @Test
  @SuppressWarnings("unchecked")
  void committedCoturnTcpRecordingMatchesTsharkAndFeedsTheBindingCount() throws Exception {
    Path f = dir.resolve("coturn-stun-tcp.pcapng");
    Files.copy(getClass().getResourceAsStream("/trace/coturn-stun-tcp.pcapng"), f);
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(List.of(6L, 8L, 10L, 11L, 19L, 21L, 23L, 24L), List.copyOf(ours.keySet()), ours.toString());
    assertEquals(Tshark.tshark(f, List.of("tcp.port==47480,stun")), ours);
    assertTrue(ours.get(8L).contains("127.0.0.1:52652"), ours.get(8L));
    try (TraceScanner s = TraceScanner.open(f)) {
      List<StunPacket> stun = new ArrayList<>();
      for (java.util.Optional<TraceMessage> m = s.next(); m.isPresent(); m = s.next()) {
        stun.add((StunPacket) m.get());
      }
      assertEquals(12, stun.size());
      assertTrue(stun.stream().allMatch(p -> p.transport() == Transport.TCP));
      assertEquals(8, s.counts().stun());
      assertEquals(26, s.counts().total());
    }
    org.xphonediag.core.Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(6, r.results().stream().filter(c -> c.id().value().equals("trace.bindings")).findFirst()
        .orElseThrow().details().asMap().get("classicStunRequests"));
  }

  private static byte[] wrap(boolean rfc4571, byte[] message) {
    return rfc4571 ? TcpStunTest.framed(message) : message;
  }

  private static boolean executable(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * One round over a new connection: a request split in two writes, then two requests in one write;
   * returns the responses' transaction ids, or an empty list when coturn is not listening yet.
   */
  private static List<String> round(int port, int seed) throws Exception {
    try (Socket s = new Socket()) {
      try {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      } catch (java.net.ConnectException e) {
        return List.of();
      }
      s.setTcpNoDelay(true);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      byte[] first = Stun.request(seed, null);
      out.write(first, 0, 10);
      out.flush();
      out.write(first, 10, first.length - 10);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      List<String> ids = new ArrayList<>(List.of(read(in)));
      out.write(Sip.concat(Stun.request(seed + 1, null), Stun.request(seed + 2, null)));
      out.flush();
      ids.add(read(in));
      ids.add(read(in));
      return ids;
    }
  }

  private static String read(DataInputStream in) throws Exception {
    byte[] header = new byte[20];
    in.readFully(header);
    int len = (header[2] & 0xff) << 8 | (header[3] & 0xff);
    in.readFully(new byte[len]);
    return HexFormat.of().formatHex(header, 8, 20);
  }

  @Test
  void liveTcpBindingsAgainstCoturnRecordedOnLoopbackMatchTshark() throws Exception {
    assumeTrue(executable("turnserver") && executable("dumpcap"), "turnserver or dumpcap is not installed");
    int port = freeTcpPort();
    Process coturn = new ProcessBuilder("turnserver", "-n", "--stun-only", "--listening-ip=127.0.0.1",
        "--listening-port=" + port, "--no-cli", "--no-tls", "--no-dtls", "--no-udp", "--log-file=stdout")
        .redirectErrorStream(true).redirectOutput(dir.resolve("coturn.log").toFile()).start();
    Process dumpcap = null;
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean up = false;
      while (!up && System.nanoTime() < until && coturn.isAlive()) {
        up = !round(port, 1).isEmpty();
        if (!up) {
          coturn.waitFor(50, TimeUnit.MILLISECONDS);
        }
      }
      assumeTrue(up, "coturn did not start: " + Files.readString(dir.resolve("coturn.log")));
      Path f = dir.resolve("live-tcp-stun.pcapng");
      // segments with data only; dumpcap stops by itself after 10 (killing it could lose packets in the kernel
      // buffer); its filter can become active a moment after it says so: run rounds until it has them
      dumpcap = Dumpcap.start("tcp port " + port + " and tcp[tcpflags] & tcp-push != 0", f, 10, 30);
      long stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int seed = 10;
      while (dumpcap.isAlive() && System.nanoTime() < stopBy) {
        List<String> ids = round(port, seed);
        assertEquals(List.of(HexFormat.of().formatHex(Stun.txid(seed)), HexFormat.of().formatHex(Stun.txid(seed + 1)),
            HexFormat.of().formatHex(Stun.txid(seed + 2))), ids);
        seed += 3;
        dumpcap.waitFor(200, TimeUnit.MILLISECONDS);
      }
      assertTrue(dumpcap.waitFor(10, TimeUnit.SECONDS), "dumpcap did not stop after 10 frames");
      Map<Long, String> ours = Tshark.ours(f);
      assertTrue(ours.size() >= 4, ours.toString());
      assertEquals(Tshark.tshark(f, List.of("tcp.port==" + port + ",stun")), ours);
      assertTrue(ours.values().stream().anyMatch(v -> v.contains("257") && v.contains("127.0.0.1:")), ours.toString());
    } finally {
      if (dumpcap != null && dumpcap.isAlive()) {
        Dumpcap.stop(dumpcap);
      }
      Dumpcap.stop(coturn);
    }
  }
}
