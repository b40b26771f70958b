package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.testkit.capture.CaptureWriter;
import org.xphonediag.testkit.capture.PacketBuilder;

/**
 * Compares, frame by frame, the SIP Call-ID/method/status and STUN type/transaction id/address
 * attributes we extract
 * with tshark's on committed SIPp recordings, on captures written here (every link type, both
 * formats and byte orders, TCP reassembly, IP fragments) and on SIPp traffic recorded now with
 * dumpcap on loopback.
 */
class TsharkComparisonIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void tsharkInstalled() {
    assumeTrue(Tshark.available("tshark"), "tshark is not installed (Debian package tshark)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sipp-udp.pcapng", "sipp-tcp.pcapng"})
  void committedSippRecordingsMatchTshark(String name) throws Exception {
    Path f = dir.resolve(name);
    Files.copy(getClass().getResourceAsStream("/trace/" + name), f);
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(12, ours.size());
    assertEquals(Tshark.tshark(f, 45996), ours);
  }

  private static final long T0 = 1_700_000_000_000_000_000L;

  private void writeMixed(CaptureWriter w, int eth, int lo, int sll2, int raw) throws Exception {
    byte[] inv = Sip.invite("mixed-1@test", "sipsorcery_v6", Sip.SDP);
    w.writePacket(eth, T0, PacketBuilder.ethernet(PacketBuilder.udp("192.0.2.1", 5060, "192.0.2.2", 5060, inv), 7));
    w.writePacket(sll2, T0 + 1000, PacketBuilder.linuxSll2(PacketBuilder.udp("2001:db8::1", 5060, "2001:db8::2", 5060,
        Sip.response("mixed-1@test", 488, "Not Acceptable Here", "INVITE", null))));
    for (byte[] frag : PacketBuilder.fragmentIpv4(PacketBuilder.udp("192.0.2.3", 5060, "192.0.2.4", 5060,
        Sip.invite("frag@test", "XPhone Call Controller", Sip.SDP)), 256)) {
      w.writePacket(raw, T0 + 2000, frag);
    }
    w.writePacket(eth, T0 + 3000, PacketBuilder.ethernet(PacketBuilder.udp("192.0.2.1", 40000, "192.0.2.2", 31000,
        Sip.stunBindingRequest(3))));
    byte[] two = Sip.concat(Sip.invite("tcp-a@test", null, null), Sip.response("tcp-b@test", 403, "Forbidden",
        "INVITE", null));
    w.writePacket(lo, T0 + 4000, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900, 100,
        PacketBuilder.PSH | PacketBuilder.ACK, two), ByteOrder.LITTLE_ENDIAN, 23));
    byte[] big = Sip.invite("tcp-c@test", "sipsorcery", Sip.SDP);
    int cut = big.length / 2;
    w.writePacket(lo, T0 + 5000, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900,
        100 + two.length, PacketBuilder.ACK, Arrays.copyOf(big, cut)), ByteOrder.LITTLE_ENDIAN, 23));
    w.writePacket(lo, T0 + 6000, PacketBuilder.loopback(PacketBuilder.tcp("127.0.0.1", 4901, "127.0.0.1", 4900,
        100 + two.length + cut, PacketBuilder.PSH | PacketBuilder.ACK, Arrays.copyOfRange(big, cut, big.length)),
        ByteOrder.LITTLE_ENDIAN, 23));
    w.writePacket(eth, T0 + 7000, PacketBuilder.ethernet(PacketBuilder.udp("192.0.2.1", 40000, "192.0.2.2", 31000,
        Sip.rtp(1))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LITTLE", "BIG"})
  void writtenPcapngWithEveryLinkTypeMatchesTshark(String order) throws Exception {
    Path f = dir.resolve("mixed.pcapng");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcapng(out, order.equals("BIG") ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN)) {
      int eth = w.addInterface(LinkType.ETHERNET, 6);
      int lo = w.addInterface(LinkType.NULL, 9);
      int sll2 = w.addInterface(LinkType.LINUX_SLL2, 0x80 | 20);
      int raw = w.addInterface(LinkType.RAW, 3);
      writeMixed(w, eth, lo, sll2, raw);
    }
    Map<Long, String> ours = Tshark.ours(f);
    assertTrue(ours.size() >= 6, ours.toString());
    assertEquals(Tshark.tshark(f, 4900), ours);
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.NULL, LinkType.IPV4})
  void writtenPcapPerLinkTypeMatchesTshark(int linkType) throws Exception {
    Path f = dir.resolve("one.pcap");
    try (OutputStream out = Files.newOutputStream(f);
        CaptureWriter w = CaptureWriter.pcap(out, linkType, ByteOrder.BIG_ENDIAN, linkType == LinkType.NULL)) {
      for (int i = 0; i < 3; i++) {
        byte[] ip = PacketBuilder.udp("198.51.100.1", 5060, "198.51.100.2", 5060, Sip.invite("pcap-" + i, null, null));
        byte[] frame = switch (linkType) {
          case LinkType.ETHERNET -> PacketBuilder.ethernet(ip);
          case LinkType.LINUX_SLL -> PacketBuilder.linuxSll(ip);
          case LinkType.NULL -> PacketBuilder.loopback(ip, ByteOrder.BIG_ENDIAN, 24);
          default -> ip;
        };
        w.writePacket(0, T0 + i, frame);
      }
    }
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(3, ours.size());
    assertEquals(Tshark.tshark(f), ours);
  }

  /**
   * Waits until a socket listens on TCP {@code port}, read from {@code /proc/net/tcp} and
   * {@code /proc/net/tcp6} (state 0A) so that no probe connection reaches the listener.
   */
  private static boolean awaitTcpListen(int port, long millis) throws Exception {
    String local = String.format(java.util.Locale.ROOT, ":%04X", port);
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        Path p = Path.of(table);
        // "sl local_address rem_address st ...": a row whose local port is ours in state LISTEN
        if (Files.isReadable(p) && Files.readAllLines(p).stream().map(l -> l.trim().split("\\s+"))
            .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals("0A"))) {
          return true;
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static int freePort() throws Exception {
    try (DatagramSocket u = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ServerSocket t = new ServerSocket(u.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
      return u.getLocalPort();
    } catch (java.net.BindException e) {
      return freePort();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"u1", "t1"})
  void liveSippCallsRecordedOnLoopbackMatchTshark(String transport) throws Exception {
    assumeTrue(Tshark.available("sipp") || Files.isExecutable(Path.of("/usr/bin/sipp")), "sipp is not installed");
    int uasPort = freePort();
    int uacPort = freePort();
    Path f = dir.resolve("live-" + transport + ".pcapng");
    // only segments with data (PSH), so the capture holds the first 18 SIP messages it sees (of 4 calls) and
    // dumpcap stops by itself after writing them (killing it could lose packets still in the kernel buffer); over TCP
    // this also leaves out the handshake, as in a capture started after the connection was opened
    String filter = transport.startsWith("t") ? "tcp port " + uasPort + " and tcp[tcpflags] & tcp-push != 0"
        : "udp port " + uasPort;
    Process dumpcap = Dumpcap.start(filter, f, 18, 60);
    Process uas = null;
    try {
      uas = new ProcessBuilder("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(uasPort), "-t",
          transport, "-m", "4", "-nostdin", "-timeout", "30s").redirectErrorStream(true)
          .redirectOutput(dir.resolve("uas.log").toFile()).start();
      if (transport.startsWith("t")) {
        // the UAC connects once: it must not race the UAS's listen (a refused connect ends the UAC at once)
        assertTrue(awaitTcpListen(uasPort, 10_000), "sipp uas did not listen on TCP " + uasPort + ": "
            + Files.readString(dir.resolve("uas.log")));
      }
      Process uac = new ProcessBuilder("sipp", "-sn", "uac", "127.0.0.1:" + uasPort, "-i", "127.0.0.1", "-p",
          Integer.toString(uacPort), "-t", transport, "-m", "4", "-r", "20", "-nostdin", "-timeout", "30s",
          "-timeout_error").redirectErrorStream(true).redirectOutput(dir.resolve("uac.log").toFile()).start();
      assertTrue(uac.waitFor(40, TimeUnit.SECONDS), "sipp uac did not finish");
      assertEquals(0, uac.exitValue(), "sipp uac: " + Files.readString(dir.resolve("uac.log")));
      assertTrue(uas.waitFor(40, TimeUnit.SECONDS), "sipp uas did not finish");
    } finally {
      if (uas != null) {
        uas.destroy();
      }
      if (!dumpcap.waitFor(30, TimeUnit.SECONDS)) {
        dumpcap.destroy();
        assertTrue(dumpcap.waitFor(30, TimeUnit.SECONDS), "dumpcap did not stop");
      }
    }
    Map<Long, String> ours = Tshark.ours(f);
    assertEquals(18, ours.size(), "expected the first 18 SIP messages (3 calls x 6) but got " + ours);
    assertEquals(Tshark.tshark(f, uasPort, uacPort), ours);
    List<CallLeg> legs = TraceAnalyzer.builder().build().analyze(f).legs();
    assertTrue(legs.size() >= 3 && legs.size() <= 4, legs.toString());
    assertTrue(legs.stream().filter(l -> l.finalResponse().isPresent())
        .allMatch(l -> l.finalResponse().get().statusCode() == 200), legs.toString());
    assertTrue(legs.stream().filter(l -> l.finalResponse().isPresent()).count() >= 2, legs.toString());
  }
}
