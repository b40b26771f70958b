package org.xphonediag.benchmarks;

import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.turn.TurnCheck;
import org.xphonediag.stun.turn.TurnRelay;
import org.xphonediag.stun.turn.TurnUri;

/**
 * TURN figures on loopback (not JMH, RFC 8656): starts coturn ({@code turnserver} on PATH) with
 * long-term credentials, runs the TURN check {@code n} times over UDP and over TCP (a fresh
 * allocation each time) and prints the median and p90 of the authenticated Allocate's RTT and of
 * the data round trip through the relay, next to a direct UDP round trip to an echo socket.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.TurnRelayRtt [n]}
 */
public final class TurnRelayRtt {
  private TurnRelayRtt() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Path bin = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "turnserver"))) {
        bin = Path.of(dir, "turnserver");
      }
    }
    if (bin == null) {
      System.err.println("turnserver (Debian package coturn) is not on PATH");
      System.exit(2);
    }
    int port = freePort();
    int relay = freeRange(RANGE);
    Process coturn = new ProcessBuilder(bin.toString(), "-n", "--listening-ip=127.0.0.1",
        "--listening-port=" + port, "--relay-ip=127.0.0.1", "--allow-loopback-peers", "--lt-cred-mech",
        "--user=alice:secret", "--realm=lab.example", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint",
        "--min-port=" + relay, "--max-port=" + (relay + RANGE - 1), "--log-file=stdout")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitListening(coturn, port);
      System.out.printf(Locale.ROOT, "coturn on 127.0.0.1:%d, %d runs per transport%n", port, n);
      for (String uri : List.of("turn:127.0.0.1:" + port, "turn:127.0.0.1:" + port + "?transport=tcp")) {
        List<Double> alloc = new ArrayList<>();
        List<Double> data = new ArrayList<>();
        TurnCheck check = TurnCheck.builder(List.of(TurnUri.parse(uri)), "alice", Secret.of("secret")).build();
        for (int i = 0; i < n; i++) {
          TurnRelay p = check.probe(CheckContext.standalone(check.id(), Duration.ofSeconds(11))).get(0);
          if (!p.works()) {
            throw new IllegalStateException("TURN probe failed: " + p);
          }
          alloc.add(p.allocationRtt().orElseThrow().toNanos() / 1e6);
          data.add(p.dataRtt().orElseThrow().toNanos() / 1e6);
        }
        print(uri + "  allocation RTT", alloc);
        print(uri + "  relay round trip", data);
      }
      print("direct UDP round trip (echo socket)", direct(n));
    } finally {
      coturn.destroy();
      if (!coturn.waitFor(5, TimeUnit.SECONDS)) {
        coturn.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static List<Double> direct(int n) throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    List<Double> out = new ArrayList<>();
    try (DatagramSocket echo = new DatagramSocket(0, lo); DatagramSocket client = new DatagramSocket(0, lo)) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[1500];
        while (!echo.isClosed()) {
          try {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            echo.receive(p);
            echo.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      client.setSoTimeout(1000);
      byte[] payload = new byte[16];
      byte[] in = new byte[1500];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        client.send(new DatagramPacket(payload, payload.length, echo.getLocalSocketAddress()));
        client.receive(new DatagramPacket(in, in.length));
        out.add((System.nanoTime() - t0) / 1e6);
      }
    }
    return out;
  }

  private static void print(String label, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    System.out.printf(Locale.ROOT, "%-62s median %7.3f ms  p90 %7.3f ms  (n=%d)%n", label, s.get(s.size() / 2),
        s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.9) - 1)), s.size());
  }

  private static final int RANGE = 400;

  /** The first of {@code n} consecutive free loopback UDP ports in 40000..59999 (coturn's relay range). */
  private static int freeRange(int n) {
    java.util.Random r = new java.util.Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int low = 40000 + r.nextInt(20000 - n);
      boolean ok = true;
      for (int p = low; p < low + n && ok; p++) {
        try (DatagramSocket s = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
          ok = true;
        } catch (java.io.IOException e) {
          ok = false;
        }
      }
      if (ok) {
        return low;
      }
    }
    throw new IllegalStateException("no free range of " + n + " loopback ports");
  }

  private static int freePort() throws Exception {
    for (int i = 0; i < 50; i++) {
      int p;
      try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        p = s.getLocalPort();
      }
      try (DatagramSocket a = new DatagramSocket(p + 1, InetAddress.getLoopbackAddress());
          java.net.ServerSocket b = new java.net.ServerSocket(p, 1, InetAddress.getLoopbackAddress());
          java.net.ServerSocket c = new java.net.ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (java.io.IOException e) {
        // try another
      }
    }
    throw new IllegalStateException("no free loopback port pair");
  }

  private static void awaitListening(Process p, int port) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException e) {
        p.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException("coturn did not listen on 127.0.0.1:" + port);
  }
}
