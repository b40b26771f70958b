package org.xphonediag.cli;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A coturn ({@code turnserver}) on 127.0.0.1 for the CLI's tests: UDP and TCP on a free port, relays
 * on 16 free loopback ports, long-term credentials for one user in realm {@code lab.example}, no
 * TLS. Started per test, stopped by {@link #close()}. The one launcher of this module's tests.
 */
final class Coturn implements AutoCloseable {
  private static final int RANGE = 16;
  final int port;
  private final Process process;

  private Coturn(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** The turnserver binary on the PATH, or null. */
  static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "turnserver");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Starts coturn for {@code user} with {@code password} (no colon); skips the test when coturn is missing. */
  static Coturn start(String user, String password) throws Exception {
    Path bin = binary();
    Assumptions.assumeTrue(bin != null, "turnserver (Debian package coturn) is not installed: skipping");
    if (password.contains(":") || user.contains(":")) {
      throw new IllegalArgumentException("coturn's --user takes user:password, so neither may contain ':'");
    }
    int port = freePair();
    int relay = freeRange();
    Process p = new ProcessBuilder(List.of(bin.toString(), "-n", "--listening-ip=127.0.0.1", "--listening-port=" + port,
        "--relay-ip=127.0.0.1", "--allow-loopback-peers", "--lt-cred-mech", "--user=" + user + ":" + password,
        "--realm=lab.example", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint", "--min-port=" + relay,
        "--max-port=" + (relay + RANGE - 1), "--log-file=stdout")).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Coturn c = new Coturn(port, p);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && p.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return c;
      } catch (IOException e) {
        p.waitFor(50, TimeUnit.MILLISECONDS); // returns early if coturn exits
      }
    }
    c.close();
    throw new AssertionError("coturn did not listen on 127.0.0.1:" + port);
  }

  /** {@code turn:127.0.0.1:PORT?transport=T}. */
  String uri(String transport) {
    return "turn:127.0.0.1:" + port + "?transport=" + transport;
  }

  /** A port P where UDP and TCP P and P+1 are free on loopback (coturn also opens P+1). */
  private static int freePair() {
    for (int i = 0; i < 50; i++) {
      int port;
      try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      } catch (IOException e) {
        continue;
      }
      if (port < 65534 && free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new AssertionError("no free loopback port pair");
  }

  /** The first of {@value #RANGE} consecutive free loopback UDP ports in 40000..59999 (the relay range). */
  private static int freeRange() {
    Random r = new Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int low = 40000 + r.nextInt(20000 - RANGE);
      boolean ok = true;
      for (int p = low; p < low + RANGE && ok; p++) {
        ok = free(p);
      }
      if (ok) {
        return low;
      }
    }
    throw new AssertionError("no free range of " + RANGE + " loopback ports");
  }

  private static boolean free(int port) {
    try (DatagramSocket u = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        ServerSocket t = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
