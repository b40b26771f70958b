package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.Details;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunBinding;
import org.xphonediag.stun.StunBindingCheck;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * STUN type, transaction id and XOR-MAPPED-ADDRESS (with the other address attributes) compared
 * frame by frame with tshark: on the committed coturn recording, on STUN messages written here, and
 * on a binding of the stun module against a real coturn recorded now with dumpcap on loopback.
 */
class CoturnRecordingIT {
  @TempDir
  Path dir;

  private static final long T0 = 1_700_000_000_000_000_000L;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  @Test
  void committedCoturnRecordingMatchesTsharkIncludingMappedAddresses() throws Exception {
    Path f = dir.resolve("coturn-stun.pcapng");
    Files.copy(getClass().getResourceAsStream("/trace/coturn-stun.pcapng"), f);
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(8, ours.size());
    assertEquals(Tshark.tshark(f), ours);
    assertTrue(ours.get(2L).contains("127.0.0.1:42432"), ours.get(2L));
    assertTrue(ours.get(6L).contains("127.0.0.2:47479"), ours.get(6L));
  }

  @Test
  @SuppressWarnings("unchecked")
  void committedCoturnRecordingAnalysedAsClassicStunAndOneAnsweredIceCheck() throws Exception {
    Path f = dir.resolve("coturn-stun.pcapng");
    Files.copy(getClass().getResourceAsStream("/trace/coturn-stun.pcapng"), f);
    Report r = TraceAnalyzer.builder().build().report(f);
    assertEquals(List.of("trace.no-sip"), r.findings().stream().map(x -> x.code()).toList());
    Map<String, Object> b = ((List<Details>) r.data().asMap().get("bindings")).get(0).asMap();
    assertEquals(0, b.get("call"));
    assertEquals(1, b.get("requests"));
    assertEquals(1, b.get("successes"));
    assertEquals(8L, b.get("firstSuccessFrame"));
    assertEquals(3, r.results().stream().filter(c -> c.id().value().equals("trace.bindings")).findFirst()
        .orElseThrow().details().asMap().get("classicStunRequests"));
  }

  @Test
  void writtenStunRequestsAndAnswersMatchTshark() throws Exception {
    Path f = dir.resolve("stun.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, ByteOrder.BIG_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 9);
      w.writePacket(eth, T0, PacketBuilder.ethernet(PacketBuilder.udp("203.0.113.7", 50001, "192.168.101.12", 31000,
          Stun.request(1, "BUmkOSgeYbP7L5rF:8b708ebc"))));
      w.writePacket(eth, T0 + 1000, PacketBuilder.ethernet(PacketBuilder.udp("192.168.101.12", 31000, "203.0.113.7",
          50001, Stun.success(1, "203.0.113.7", 50001))));
      w.writePacket(eth, T0 + 2000, PacketBuilder.ethernet(PacketBuilder.udp("203.0.113.7", 50002, "192.168.101.12",
          31000, Stun.request(2, "BUmkOSgeYbP7L5rF:8b708ebc"))));
      w.writePacket(eth, T0 + 3000, PacketBuilder.ethernet(PacketBuilder.udp("192.168.101.12", 31000, "203.0.113.7",
          50002, Stun.error(2, 401, "Unauthorized"))));
    }
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(4, ours.size());
    assertEquals(Tshark.tshark(f), ours);
    assertTrue(ours.get(2L).contains("203.0.113.7:50001"), ours.get(2L));
  }

  private static boolean executable(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(new InetSocketAddress("127.0.0.1", 0));
      return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }
  }

  private static StunBinding bind(int port, Duration rto) throws InterruptedException {
    return StunBindingCheck.builder(List.of(new HostAndPort("127.0.0.1", port))).natDiscovery(false)
        .policy(new RetransmissionPolicy(rto, 2, 1)).budget(rto.multipliedBy(3)).build()
        .bind(CheckContext.standalone(CheckId.of("test.bind"), rto.multipliedBy(3))).get(0);
  }

  @Test
  void liveBindingAgainstCoturnRecordedOnLoopbackMatchesTshark() throws Exception {
    assumeTrue(executable("turnserver") && executable("dumpcap"), "turnserver or dumpcap is not installed");
    int port = freeUdpPort();
    Process coturn = new ProcessBuilder("turnserver", "-n", "--stun-only", "--listening-ip=127.0.0.1",
        "--listening-port=" + port, "--no-cli", "--no-tls", "--no-dtls", "--log-file=stdout")
        .redirectErrorStream(true).redirectOutput(dir.resolve("coturn.log").toFile()).start();
    Process dumpcap = null;
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean up = false;
      while (!up && System.nanoTime() < until && coturn.isAlive()) {
        up = bind(port, Duration.ofMillis(100)).answered();
        if (!up) {
          coturn.waitFor(50, TimeUnit.MILLISECONDS); // ICMP answers at once until coturn binds
        }
      }
      assumeTrue(up, "coturn did not start: " + Files.readString(dir.resolve("coturn.log")));
      Path f = dir.resolve("live-stun.pcapng");
      // a request and its answer; a long RTO keeps retransmissions out of the two captured frames
      dumpcap = Dumpcap.start("udp port " + port, f, 2, 30);
      // dumpcap reports "Capturing on" a moment before its filter sees packets: bind until it has two frames
      java.util.Set<String> mapped = new java.util.HashSet<>();
      long stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (dumpcap.isAlive() && System.nanoTime() < stopBy) {
        StunBinding b = bind(port, Duration.ofSeconds(1));
        assertTrue(b.answered(), b.toString());
        mapped.add(HostAndPort.of(b.mappedAddress().orElseThrow()).toString());
        dumpcap.waitFor(300, TimeUnit.MILLISECONDS);
      }
      assertTrue(dumpcap.waitFor(10, TimeUnit.SECONDS), "dumpcap did not stop after 2 frames");
      Map<Long, String> ours = Tshark.ours(f);
      assertEquals(2, ours.size(), ours.toString());
      assertEquals(Tshark.tshark(f), ours);
      assertTrue(ours.values().stream().anyMatch(v -> mapped.stream().anyMatch(v::contains)),
          mapped + " in " + ours);
    } finally {
      if (dumpcap != null && dumpcap.isAlive()) {
        Dumpcap.stop(dumpcap);
      }
      Dumpcap.stop(coturn);
    }
  }
}
