package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The {@code turn} command in-process against coturn on loopback. The password is read from
 * {@code HOME} (a variable every test JVM has, without a colon), so coturn gets user alice with
 * that value as password.
 */
class TurnCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path turnserver() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "turnserver");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static final int RANGE = 16;

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
      int port;
      try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      if (port < 65534 && free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new AssertionError("no free loopback port pair");
  }

  private static boolean free(int port) {
    try (DatagramSocket u = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        java.net.ServerSocket t = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /** Starts coturn and waits (TCP connect probe, bounded) until it listens; the caller destroys it. */
  private static Process start(int port) throws Exception {
    Path bin = turnserver();
    Assumptions.assumeTrue(bin != null, "turnserver (Debian package coturn) is not installed: skipping");
    String home = System.getenv("HOME");
    Assumptions.assumeTrue(home != null && !home.isEmpty() && !home.contains(":"), "HOME unusable as password");
    int relay = freeRange(RANGE);
    Process p = new ProcessBuilder(bin.toString(), "-n", "--listening-ip=127.0.0.1", "--listening-port=" + port,
        "--relay-ip=127.0.0.1", "--allow-loopback-peers", "--lt-cred-mech", "--user=alice:" + home,
        "--realm=lab.example", "--no-cli", "--no-tls", "--no-dtls", "--fingerprint", "--min-port=" + relay,
        "--max-port=" + (relay + RANGE - 1), "--log-file=stdout").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until && p.isAlive()) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return p;
      } catch (java.io.IOException e) {
        p.waitFor(50, TimeUnit.MILLISECONDS); // returns early if coturn exits
      }
    }
    stop(p);
    throw new AssertionError("coturn did not listen on 127.0.0.1:" + port);
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void turnWhenCredentialsRightThenExit0AndAddressesAsIpPort() throws Exception {
    int port = freePort();
    Process p = start(port);
    try {
      CliRun r = CliRun.of("turn", "turn:127.0.0.1:" + port, "turn:127.0.0.1:" + port + "?transport=tcp",
          "--user", "alice", "--password-env", "HOME", "--json");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      JsonNode data = JSON.readTree(r.out()).get("data");
      assertTrue(data.get("relayedAddress").asText().matches("127\\.0\\.0\\.1:\\d+"), data.toString());
      assertTrue(data.get("mappedAddress").asText().matches("127\\.0\\.0\\.1:\\d+"), data.toString());
      assertEquals("udp", data.get("transport").asText());
      assertTrue(data.get("allocationRttMs").isNumber() && data.get("dataRttMs").isNumber(), data.toString());
      assertEquals(2, data.get("relays").size());
      assertEquals("tcp", data.at("/relays/1/transport").asText());
      assertTrue(data.at("/transports/tcp").asBoolean(), data.toString());
      assertFalse(r.out().contains(System.getenv("HOME")), "the password must not be printed");
    } finally {
      stop(p);
    }
  }

  @Test
  void turnWhenPasswordWrongThenExit1WithAuthFailed() throws Exception {
    int port = freePort();
    Process p = start(port);
    try {
      CliRun r = CliRun.of("turn", "turn:127.0.0.1:" + port + "?transport=tcp", "--user", "alice",
          "--password-env", "PATH", "--json");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      JsonNode root = JSON.readTree(r.out());
      assertEquals("turn.auth-failed", root.at("/results/0/findings/0/code").asText(), r.out());
      assertEquals(List.of(), List.copyOf(root.get("data").findValues("relayedAddress")));
    } finally {
      stop(p);
    }
  }
}
