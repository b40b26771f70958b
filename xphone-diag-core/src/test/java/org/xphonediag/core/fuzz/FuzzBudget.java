package org.xphonediag.core.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time one fuzz input may take: far above what the parser needs for the inputs the fuzzer
 * makes (at most a few KiB), far below a hang. CPU time of the calling thread, not wall time, so a
 * loaded machine or a GC pause does not fail it; a super-linear path does. The first input of each
 * target is exempt: it pays for class loading and Jazzer's instrumentation. Shared with the other
 * modules' fuzz targets through this module's test jar.
 */
public final class FuzzBudget {
  /** What one input may take. */
  public static final Duration PER_INPUT = Duration.ofSeconds(2);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final Set<Class<?>> WARM = ConcurrentHashMap.newKeySet();

  private FuzzBudget() {}

  /** The current thread's CPU time, to pass to {@link #check}. */
  public static long start() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** Fails the fuzz input when it took more than {@link #PER_INPUT} of CPU since {@code start}. */
  public static void check(long start, int inputLength) {
    long used = THREADS.getCurrentThreadCpuTime() - start;
    if (WARM.add(CALLER.getCallerClass())) {
      return;
    }
    if (used > PER_INPUT.toNanos()) {
      fail(String.format(Locale.ROOT, "one fuzz input must be processed within %d ms of CPU but took %d ms "
          + "(input of %d bytes)", PER_INPUT.toMillis(), used / 1_000_000, inputLength));
    }
  }
}
