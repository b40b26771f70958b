package org.xphonediag.trace;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code dumpcap} on the loopback interface for a test and returns once it reports
 * "Capturing on"; the test is skipped (assumption) when it cannot capture here. Note that the capture
 * filter can become active a moment after that line: tests must not count on the very first packets.
 */
public final class Dumpcap {
  private Dumpcap() {}

  /**
   * Captures packets matching {@code filter} into {@code file} for at most {@code maxSeconds}, or
   * {@code count} packets when {@code count > 0}.
   */
  public static Process start(String filter, Path file, int count, int maxSeconds)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("dumpcap", "-i", "lo", "-f", filter));
    if (count > 0) {
      cmd.addAll(List.of("-c", Integer.toString(count)));
    }
    cmd.addAll(List.of("-w", file.toString(), "-a", "duration:" + maxSeconds));
    Process dumpcap = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CountDownLatch capturing = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(dumpcap.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.startsWith("Capturing on")) {
            capturing.countDown();
          }
        }
      } catch (IOException e) {
        capturing.countDown();
      }
    }, "dumpcap-output");
    reader.setDaemon(true);
    reader.start();
    boolean started = capturing.await(20, TimeUnit.SECONDS) && dumpcap.isAlive();
    if (!started) {
      stop(dumpcap);
    }
    assumeTrue(started, "dumpcap cannot capture on lo here");
    return dumpcap;
  }

  /** Stops a process (SIGTERM, then SIGKILL after 5 s); dumpcap finishes its file on SIGTERM. */
  public static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
