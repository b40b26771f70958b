package org.xphonediag.sip;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.xphonediag.core.net.Transport;

/** A SIPp process running one scenario from {@code src/test/resources/sipp} on a free loopback port. */
final class SippPeer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private SippPeer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static SippPeer start(String scenario, Transport transport) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path file;
    try {
      file = Path.of(SippPeer.class.getResource("/sipp/" + scenario).toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Path dir = Files.createTempDirectory("sipp");
    Path log = dir.resolve("sipp.out");
    ProcessBuilder pb = new ProcessBuilder(List.of("sipp", "-sf", file.toString(), "-i", "127.0.0.1",
        "-p", Integer.toString(port), "-m", "1", "-t", transport == Transport.TCP ? "t1" : "u1",
        "-nostdin", "-timeout", "25s", "-timeout_error", "-max_recv_loops", "1000"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    SippPeer peer = new SippPeer(p, port, log);
    peer.awaitListening(transport, Duration.ofSeconds(10));
    return peer;
  }

  int port() {
    return port;
  }

  /** Waits until the kernel shows sipp's socket bound; polls /proc (Linux). */
  private void awaitListening(Transport transport, Duration max) throws IOException, InterruptedException {
    String hex = String.format(Locale.ROOT, ":%04X ", port);
    Path table = Path.of(transport == Transport.TCP ? "/proc/net/tcp" : "/proc/net/udp");
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("sipp exited early with " + process.exitValue() + ": " + output());
      }
      for (String line : Files.readAllLines(table)) {
        String[] f = line.strip().split("\\s+");
        if (f.length > 3 && (f[1] + " ").endsWith(hex) && (transport == Transport.UDP || f[3].equals("0A"))) {
          return;
        }
      }
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    throw new IOException("sipp did not bind port " + port + " within " + max + ": " + output());
  }

  /** Waits for sipp to finish its one call and returns its exit code (0: the call succeeded). */
  int awaitExit(Duration max) throws InterruptedException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    File dir = log.getParent().toFile();
    File[] files = dir.listFiles();
    if (files != null) {
      for (File f : files) {
        f.delete();
      }
    }
    dir.delete();
  }
}
