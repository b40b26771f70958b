package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor --demo} in every lab scenario, each in its own process as users run it: stderr stays
 * empty. Third-party libraries that log through java.util.logging (OkHttp, MockWebServer) are routed
 * to slf4j at WARN, and the lab's connections are stopped so that none of them has a failure to log:
 * a stack trace here is what a partner's administrator would see. {@code benchmarks/scripts/demo-stderr.sh}
 * repeats the default scenario many times.
 */
class DemoStderrIT {

  @Test
  void everyScenarioWhenRunThenNothingOnStderr() throws Exception {
    List<String> scenarios = JarProcess.run(List.of("doctor", "--demo", "--scenario", "list"), Map.of(),
        Duration.ofSeconds(60)).out().lines().skip(1).map(l -> l.trim().split("\\s+")[0]).toList();
    assertEquals(16, scenarios.size(), "scenarios listed: " + scenarios);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (String s : scenarios) {
        runs.add(pool.submit(() -> {
          JarProcess.Result r = JarProcess.run(List.of("doctor", "--demo", "--scenario", s), Map.of(),
              Duration.ofSeconds(90));
          boolean expectedExit = s.equals("healthy") ? r.exit() == 0 : r.exit() == 0 || r.exit() == 1;
          return expectedExit && r.err().isEmpty() ? "" : s + ": exit " + r.exit() + ", stderr:\n" + r.err();
        }));
      }
      StringBuilder bad = new StringBuilder();
      for (Future<String> f : runs) {
        bad.append(f.get(5, TimeUnit.MINUTES));
      }
      assertEquals("", bad.toString());
    } finally {
      pool.shutdownNow();
    }
  }
}
