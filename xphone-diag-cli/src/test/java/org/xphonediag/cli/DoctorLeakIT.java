package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * Runs the doctor against the demo lab repeatedly in one JVM: threads (by name, third-party pools
 * reduced to their pool name) and open file descriptors must not grow from run to run.
 */
class DoctorLeakIT {
  private static final int RUNS = 8;

  /** Live threads by name with trailing numbers removed, so pool threads count per pool. */
  private static Map<String, Integer> threads() {
    Map<String, Integer> m = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        m.merge(t.getName().replaceAll("[-_ #]*\\d+$", "").replaceAll("\\d+", "N"), 1, Integer::sum);
      }
    }
    return m;
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  private static void runOnce() throws Exception {
    try (DemoLab lab = DemoLab.start(DemoScenario.DEFAULT)) {
      Report r = lab.doctor().build().run(DiagListener.none());
      assertEquals(Status.FAIL, r.status());
    }
  }

  /** Waits (bounded) for short-lived threads of the last run to end. */
  private static Map<String, Integer> settledThreads(int max) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Map<String, Integer> now = threads();
    while (now.values().stream().mapToInt(Integer::intValue).sum() > max && System.nanoTime() < until) {
      TimeUnit.MILLISECONDS.sleep(100);
      now = threads();
    }
    return now;
  }

  @Test
  void doctorWhenRunRepeatedlyThenThreadsAndFilesDoNotGrow() throws Exception {
    runOnce();
    runOnce();
    Map<String, Integer> baseline = settledThreads(Integer.MAX_VALUE);
    int baseCount = baseline.values().stream().mapToInt(Integer::intValue).sum();
    long baseFiles = openFiles();
    for (int i = 0; i < RUNS; i++) {
      runOnce();
    }
    Map<String, Integer> after = settledThreads(baseCount + 4);
    int afterCount = after.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(afterCount <= baseCount + 4,
        "threads grew from " + baseCount + " to " + afterCount + " over " + RUNS + " runs:\nbefore " + baseline
            + "\nafter  " + after);
    long afterFiles = openFiles();
    assertTrue(afterFiles <= baseFiles + 8,
        "open files grew from " + baseFiles + " to " + afterFiles + " over " + RUNS + " runs");
  }
}
