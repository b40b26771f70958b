package org.xphonediag.stun.turn;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.Contexts;
import org.xphonediag.stun.RetransmissionPolicy;
import org.xphonediag.stun.StunBindingCheck;

/**
 * A coturn ({@code turnserver}) on 127.0.0.1 with long-term credentials (user alice, realm
 * lab.example), on free ports, started per test and destroyed by {@link #close()}. The one coturn
 * launcher of the tests: the CLI's TURN tests use it through this module's test jar.
 */
public final class Coturn implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "secret";
  static final String REALM = "lab.example";

  /** The UDP and TCP listening port. */
  public final int port;
  final int tlsPort;
  private final Process process;
  private final Path log;

  private Coturn(int port, int tlsPort, Process process, Path log) {
    this.port = port;
    this.tlsPort = tlsPort;
    this.process = process;
    this.log = log;
  }

  /** The turnserver binary on the PATH, or null. */
  public static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "turnserver");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Starts coturn; {@code cert}/{@code key} (PEM files) enable the TLS listener; {@code extra} are
   * more flags (e.g. {@code --no-tcp}, {@code --user-quota=1}); {@code user} replaces alice:secret.
   */
  static Coturn start(Path cert, Path key, String user, String... extra) throws Exception {
    return start("127.0.0.1", cert, key, user, extra);
  }

  /**
   * Starts coturn listening and relaying on {@code ip} ({@code 127.0.0.1} or {@code ::1}); skips the
   * test with the reason when coturn is missing or {@code ip} is an IPv6 address the loopback lacks.
   */
  static Coturn start(String ip, Path cert, Path key, String user, String... extra) throws Exception {
    Path bin = binary();
    if (ip.contains(":")) {
      boolean v6 = false;
      try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0))) {
        v6 = true;
      } catch (IOException e) {
        // no IPv6 on the loopback
      }
      Assumptions.assumeTrue(v6, "the loopback has no IPv6 address " + ip + ": skipping the IPv6 relay test");
    }
    Assumptions.assumeTrue(bin != null, "turnserver (Debian package coturn) is not installed: skipping TURN interop");
    int port = freePair();
    int tlsPort = freePair();
    int relayLow = freeRange(16);
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-n", "--listening-ip=" + ip,
        "--listening-port=" + port, "--tls-listening-port=" + tlsPort, "--relay-ip=" + ip,
        "--allow-loopback-peers", "--lt-cred-mech", "--user=" + user, "--realm=" + REALM, "--no-cli",
        "--fingerprint", "--min-port=" + relayLow, "--max-port=" + (relayLow + 15), "--no-dtls",
        "--log-file=stdout", "--simple-log"));
    if (cert != null) {
      cmd.add("--cert=" + cert);
      cmd.add("--pkey=" + key);
    } else {
      cmd.add("--no-tls");
    }
    cmd.addAll(List.of(extra));
    Path log = Files.createTempFile("coturn-turn", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Coturn c = new Coturn(port, tlsPort, p, log);
    try {
      c.awaitReady(ip, List.of(extra).contains("--no-udp"));
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  static Coturn start(String... extra) throws Exception {
    return start(null, null, USER + ":" + PASSWORD, extra);
  }

  /**
   * Starts coturn (UDP and TCP, no TLS) for {@code user} with {@code password}; skips the test when
   * coturn is missing.
   *
   * @throws IllegalArgumentException when either contains ':' (coturn's {@code --user} is user:password)
   */
  public static Coturn startFor(String user, String password) throws Exception {
    if (password.contains(":") || user.contains(":")) {
      throw new IllegalArgumentException("coturn's --user takes user:password, so neither may contain ':'");
    }
    return start((Path) null, (Path) null, user + ":" + password);
  }

  /** {@code turn:127.0.0.1:PORT?transport=T}. */
  public String uri(String transport) {
    return "turn:127.0.0.1:" + port + "?transport=" + transport;
  }

  private void awaitReady(String ip, boolean noUdp) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    StunBindingCheck probe = StunBindingCheck.builder(List.of(new HostAndPort(ip, port)))
        .natDiscovery(false).policy(new RetransmissionPolicy(Duration.ofMillis(50), 7, 4))
        .budget(Duration.ofMillis(500)).build();
    while (System.nanoTime() < until && process.isAlive()) {
      if (noUdp) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(ip, port), 200);
          return;
        } catch (IOException e) {
          // not yet listening
        }
      } else if (probe.bind(Contexts.of(Duration.ofSeconds(1))).get(0).answered()) {
        return;
      }
      process.waitFor(50, TimeUnit.MILLISECONDS); // returns early if coturn exits
    }
    String out = Files.readString(log);
    throw new AssertionError("coturn did not come up on " + ip + " port " + port + " (alive: " + process.isAlive() + "): "
        + out.substring(Math.max(0, out.length() - 1500)));
  }

  /** The log so far (for assertion messages). */
  String log() throws IOException {
    String out = Files.readString(log);
    return out.substring(Math.max(0, out.length() - 2000));
  }

  /** A port P where UDP and TCP P and P+1 are free (coturn also opens the alternate port P+1). */
  private static int freePair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (DatagramChannel ch = DatagramChannel.open()) {
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
      if (port < 65534 && free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new IOException("no free pair of loopback ports found");
  }

  /** The first port of {@code n} consecutive free UDP ports in 40000..59999. */
  private static int freeRange(int n) throws IOException {
    java.util.Random r = new java.util.Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int low = 40000 + r.nextInt(20000 - n);
      boolean ok = true;
      for (int p = low; p < low + n && ok; p++) {
        ok = free(p);
      }
      if (ok) {
        return low;
      }
    }
    throw new IOException("no free range of " + n + " loopback ports found");
  }

  private static boolean free(int port) {
    InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramChannel u = DatagramChannel.open(); ServerSocketChannel t = ServerSocketChannel.open()) {
      u.bind(a);
      t.bind(a);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }
}
