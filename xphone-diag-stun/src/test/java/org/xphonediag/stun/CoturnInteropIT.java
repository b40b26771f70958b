package org.xphonediag.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Status;
import org.xphonediag.core.net.HostAndPort;

/** Classic binding and RFC 5780 discovery against a real coturn ({@code turnserver}) on loopback. */
class CoturnInteropIT {

  private static Path turnserver() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "turnserver");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** A port P where UDP and TCP P and P+1 are free (coturn listens on both, and on P+1 for RFC 5780). */
  private static int freeUdpPort() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramChannel ch = DatagramChannel.open()) {
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
      if (port < 65535 && free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new IOException("no free pair of loopback ports found");
  }

  private static boolean free(int port) {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramChannel u = DatagramChannel.open(); java.nio.channels.ServerSocketChannel t =
        java.nio.channels.ServerSocketChannel.open()) {
      u.bind(a);
      t.bind(a);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts coturn and waits (by probing, bounded) until it answers; the caller destroys it. */
  private static Process start(int port, Path log, String... extraIps) throws Exception {
    Path bin = turnserver();
    Assumptions.assumeTrue(bin != null, "turnserver (Debian package coturn) is not installed: skipping coturn interop");
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-n", "--stun-only", "--listening-ip=127.0.0.1",
        "--listening-port=" + port, "--no-cli", "--no-tls", "--no-dtls", "--log-file=stdout"));
    for (String ip : extraIps) {
      cmd.add("--listening-ip=" + ip);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    StunBindingCheck probe = StunBindingCheck.builder(List.of(new HostAndPort("127.0.0.1", port)))
        .natDiscovery(false).policy(new RetransmissionPolicy(Duration.ofMillis(50), 7, 4))
        .budget(Duration.ofMillis(500)).build();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && p.isAlive()) {
      if (probe.bind(Contexts.of(Duration.ofSeconds(1))).get(0).answered()) {
        return p;
      }
      // before coturn binds, ICMP answers at once: wait on the process (returns early if it exits)
      p.waitFor(50, TimeUnit.MILLISECONDS);
    }
    boolean alive = p.isAlive();
    stop(p);
    String out = Files.readString(log);
    throw new AssertionError("coturn did not answer on 127.0.0.1:" + port + " (alive: " + alive + ", exit "
        + p.exitValue() + "): " + out.substring(Math.max(0, out.length() - 1500)));
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void bindAgainstCoturnThenMappedAddressIsOurLocalAddressAndSoftwareNamed() throws Exception {
    int port = freeUdpPort();
    Path log = Files.createTempFile("coturn", ".log");
    Process p = start(port, log);
    try {
      StunBindingCheck c = StunBindingCheck.builder(List.of(new HostAndPort("127.0.0.1", port))).build();
      StunBinding b = c.bind(Contexts.of(Duration.ofSeconds(5))).get(0);
      assertEquals(b.localAddress().orElseThrow(), b.mappedAddress().orElseThrow());
      assertTrue(b.software().orElseThrow().toLowerCase(java.util.Locale.ROOT).contains("coturn"), b.toString());
      assertTrue(b.rtt().orElseThrow().compareTo(Duration.ofSeconds(1)) < 0);
      CheckResult cr = c.run(Contexts.of(Duration.ofSeconds(5)));
      assertEquals(Status.PASS, cr.status(), cr.toString());
    } finally {
      stop(p);
      Files.deleteIfExists(log);
    }
  }

  @Test
  void bindAgainstCoturnOverTcpThenMappedAddressReported() throws Exception {
    int port = freeUdpPort();
    Path log = Files.createTempFile("coturn", ".log");
    Process p = start(port, log);
    try {
      StunBinding b = StunBindingCheck.builder(List.of(new HostAndPort("127.0.0.1", port))).tcp(true).build()
          .bind(Contexts.of(Duration.ofSeconds(5))).get(0);
      assertTrue(b.answered(), b.toString());
      assertEquals(InetAddress.getLoopbackAddress(), b.mappedAddress().orElseThrow().getAddress());
      assertEquals(1, b.transmissions());
    } finally {
      stop(p);
      Files.deleteIfExists(log);
    }
  }

  @Test
  void bindAgainstCoturnWithTwoAddressesThenNatBehaviourFromOtherAddress() throws Exception {
    int port = freeUdpPort();
    Path log = Files.createTempFile("coturn", ".log");
    Process p = start(port, log, "127.0.0.2");
    try {
      StunBinding b = StunBindingCheck.builder(List.of(new HostAndPort("127.0.0.1", port))).build()
          .bind(Contexts.of(Duration.ofSeconds(5))).get(0);
      Assumptions.assumeTrue(b.otherAddress().isPresent(), "this coturn build offers no OTHER-ADDRESS: " + b);
      assertEquals(new NatBehavior(NatBehavior.Kind.NO_NAT, NatBehavior.Kind.ENDPOINT_INDEPENDENT), b.nat());
    } finally {
      stop(p);
      Files.deleteIfExists(log);
    }
  }
}
