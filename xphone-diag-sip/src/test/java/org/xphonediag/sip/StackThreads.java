package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Asserts that a probe left no thread behind: every thread started since the snapshot has ended. */
final class StackThreads {
  private final Set<Thread> before;

  private StackThreads(Set<Thread> before) {
    this.before = before;
  }

  static StackThreads snapshot() {
    return new StackThreads(new HashSet<>(Thread.getAllStackTraces().keySet()));
  }

  void assertNoneLeft() throws InterruptedException {
    List<Thread> added = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(t) && isStackThread(t)) {
        added.add(t);
      }
    }
    for (Thread t : added) {
      t.join(3000);
    }
    List<String> alive = new ArrayList<>();
    for (Thread t : added) {
      if (t.isAlive()) {
        alive.add(t.getName());
      }
    }
    assertEquals(List.of(), alive, "threads left behind by the probe");
  }

  /** Everything except JVM and test-framework threads (a responder's threads end when it is closed). */
  private static boolean isStackThread(Thread t) {
    String n = t.getName();
    return !(n.startsWith("surefire") || n.startsWith("failsafe") || n.startsWith("process reaper")
        || n.startsWith("Common-Cleaner") || n.startsWith("ForkJoinPool") || n.startsWith("Attach Listener"));
  }
}
