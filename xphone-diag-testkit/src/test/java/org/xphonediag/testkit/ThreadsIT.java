package org.xphonediag.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After the lab and the session are closed, no thread they started is left, apart from the
 * documented third-party daemon pools: okhttp's shared {@code OkHttp TaskRunner} threads (idle
 * threads end after 60 s), RxJava's scheduler threads ({@code Rx*}) used by the SignalR client and
 * the JDK's own daemons.
 */
class ThreadsIT {
  private static final List<String> THIRD_PARTY = List.of("OkHttp TaskRunner", "Rx", "MockWebServer TaskRunner",
      "Okio Watchdog", "Common-Cleaner", "process reaper", "Attach Listener", "Keep-Alive-Timer");

  private static Set<Thread> threads() {
    return Thread.getAllStackTraces().keySet();
  }

  @Test
  void closeWhenChecksRanOnEveryTransportThenNoOwnThreadLeft() throws Exception {
    Set<Thread> before = threads();
    for (Scenario s : new Scenario[] {Scenario.HEALTHY, Scenario.WEBSOCKET_BLOCKED, Scenario.BLACK_HOLE}) {
      try (Lab lab = Lab.start(s)) {
        LabSupport.run(LabSupport.fast(lab).callTimeout(java.time.Duration.ofSeconds(1)).build(), true);
      }
    }
    long until = System.nanoTime() + 5_000_000_000L;
    List<String> left;
    do {
      left = threads().stream().filter(t -> !before.contains(t) && t.isAlive())
          .filter(t -> THIRD_PARTY.stream().noneMatch(p -> t.getName().startsWith(p)) || !t.isDaemon())
          .map(t -> t.getName() + (t.isDaemon() ? " (daemon)" : ""))
          .sorted().collect(Collectors.toList());
      if (!left.isEmpty()) {
        for (Thread t : threads()) {
          if (left.contains(t.getName()) || left.contains(t.getName() + " (daemon)")) {
            t.join(100);
          }
        }
      }
    } while (!left.isEmpty() && System.nanoTime() < until);
    assertEquals(List.of(), left);
    System.out.println("third-party daemon threads still alive after close: " + threads().stream()
        .filter(t -> !before.contains(t) && t.isAlive()).map(Thread::getName).sorted().distinct()
        .collect(Collectors.toList()));
  }
}
