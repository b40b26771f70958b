package org.xphonediag.benchmarks.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;

/**
 * The fleet case (not JMH): N doctor runs at once in one JVM, each against its own loopback site
 * ({@link FleetSite}) of one of twelve kinds (the testkit's web scenarios, with the XCC's SIP port
 * answering, silent or closed and its media port answering or silent). Every kind is first run
 * alone; a fleet run is wrong when its statuses or finding codes differ from its kind's run alone.
 * Prints, per fleet size, the wall time of the fleet (sites started beforehand), runs per second,
 * wrong reports, the process's CPU time per run, how much longer a run took than its kind alone
 * (median and worst, and the worst run's longest checks), the most threads and descriptors seen while it ran, and the JVM's threads and
 * open file descriptors once the sites are closed again (third-party idle pools counted apart: OkHttp,
 * RxJava and MockWebServer threads end on their own after a while). The kinds' own timeouts bound
 * the wall time from below: the black-hole site waits 10 s for its WebAPI.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.fleet.DoctorFleet [N ...]}
 * (default 1 8 32 64), or {@code benchmarks/scripts/doctor-fleet.sh}.
 */
public final class DoctorFleet {
  private static final List<String> THIRD_PARTY = List.of("OkHttp ", "Rx", "MockWebServer");
  private static final int SHOWN_DIFFERENCES = 5;

  /**
   * java.util.logging's root logger (OkHttp and the testkit's MockWebServer log there), held so that the
   * level set on it stays.
   */
  private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");

  private DoctorFleet() {}

  public static void main(String[] args) throws Exception {
    // the sites' faults are expected: the SignalR client's and MockWebServer's logs of them are noise here
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    JUL_ROOT.setLevel(java.util.logging.Level.OFF);
    int[] sizes = args.length == 0 ? new int[] {1, 8, 32, 64} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(Locale.ROOT, "load average %s, %d cores, java %s%n", loadAverage(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    Map<FleetSite.Kind, List<String>> alone = new HashMap<>();
    Map<FleetSite.Kind, Double> aloneSeconds = new HashMap<>();
    for (int round = 0; round < 2; round++) { // the first round warms the JVM up
      if (round == 1) {
        System.out.println("each kind alone:");
      }
      for (FleetSite.Kind kind : FleetSite.Kind.all()) {
        try (FleetSite site = FleetSite.start(kind)) {
          long t0 = System.nanoTime();
          Report r = site.doctor().run(DiagListener.none());
          double took = (System.nanoTime() - t0) / 1e9;
          alone.put(kind, signature(r));
          aloneSeconds.put(kind, took);
          if (round == 1) {
            System.out.printf(Locale.ROOT, "  %-48s %-7s %5.2f s  %s%n", kind.name(), r.status(), took, codes(r));
          }
        }
      }
    }
    settle();
    System.out.printf(Locale.ROOT, "baseline: %s threads, %d fds%n", threads(), fds());
    System.out.println("| runs at once | wall | runs/s | wrong reports | CPU per run | run time beyond alone (median, max)"
        + " | peak threads, fds | threads after | fds after |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (int n : sizes) {
      fleet(n, alone, aloneSeconds);
    }
    System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
  }

  private static void fleet(int n, Map<FleetSite.Kind, List<String>> alone, Map<FleetSite.Kind, Double> aloneSeconds)
      throws Exception {
    List<FleetSite.Kind> kinds = FleetSite.Kind.all();
    List<FleetSite> sites = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sites.add(FleetSite.start(kinds.get(i % kinds.size())));
      }
      Report[] reports = new Report[n];
      Throwable[] failures = new Throwable[n];
      long[] took = new long[n];
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> runners = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        Thread t = new Thread(() -> {
          try {
            go.await();
            long t0 = System.nanoTime();
            reports[k] = sites.get(k).doctor().run(DiagListener.none());
            took[k] = System.nanoTime() - t0;
          } catch (Throwable e) {
            failures[k] = e;
          }
        }, "fleet-run-" + i);
        runners.add(t);
        t.start();
      }
      Peaks peaks = Peaks.start();
      long cpu0 = processCpuNanos();
      long start = System.nanoTime();
      go.countDown();
      for (Thread t : runners) {
        t.join(TimeUnit.MINUTES.toMillis(10));
      }
      double wall = (System.nanoTime() - start) / 1e9;
      double cpuPerRun = (processCpuNanos() - cpu0) / 1e9 / n;
      peaks.stop();
      int wrong = 0;
      List<String> shown = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        FleetSite.Kind kind = sites.get(i).kind();
        List<String> got = reports[i] == null ? List.of("no report: " + failures[i]) : signature(reports[i]);
        if (!got.equals(alone.get(kind))) {
          wrong++;
          if (shown.size() < SHOWN_DIFFERENCES) {
            shown.add(kind.name() + ": " + difference(alone.get(kind), got));
          }
        }
      }
      double[] excess = new double[n];
      int worst = 0;
      for (int i = 0; i < n; i++) {
        excess[i] = took[i] / 1e9 - aloneSeconds.get(sites.get(i).kind());
        worst = excess[i] > excess[worst] ? i : worst;
      }
      String worstRun = reports[worst] == null ? "" : String.format(Locale.ROOT,
          "    slowest against its kind alone: %s, %.2f s (alone %.2f s); its longest checks: %s",
          sites.get(worst).kind().name(), took[worst] / 1e9, aloneSeconds.get(sites.get(worst).kind()),
          slowestChecks(reports[worst]));
      Arrays.sort(excess);
      sites.forEach(FleetSite::close);
      sites.clear();
      settle();
      System.out.printf(Locale.ROOT, "| %d | %.2f s | %.2f | %d | %.2f s | +%.2f s, +%.2f s | %d, %d | %s | %d |%n", n,
          wall, n / wall, wrong, cpuPerRun, excess[n / 2], excess[n - 1], peaks.threads, peaks.fds, threads(), fds());
      System.out.println(worstRun);
      for (String s : shown) {
        System.out.println("    wrong: " + s);
      }
    } finally {
      sites.forEach(FleetSite::close);
    }
  }

  /** The most threads and open file descriptors seen while a fleet runs, sampled every 50 ms. */
  private static final class Peaks {
    private final Thread sampler;
    private volatile boolean stopped;
    volatile int threads;
    volatile long fds;

    private Peaks() {
      sampler = new Thread(() -> {
        while (!stopped) {
          threads = Math.max(threads, Thread.activeCount());
          try {
            fds = Math.max(fds, fds());
            TimeUnit.MILLISECONDS.sleep(50);
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      }, "fleet-peaks");
      sampler.setDaemon(true);
    }

    static Peaks start() {
      Peaks p = new Peaks();
      p.sampler.start();
      return p;
    }

    void stop() throws InterruptedException {
      stopped = true;
      sampler.join();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Each result as {@code id STATUS [codes]}, in report order. */
  private static List<String> signature(Report r) {
    List<String> out = new ArrayList<>();
    for (CheckResult c : r.results()) {
      out.add(c.id() + " " + c.status() + " " + c.findings().stream().map(Finding::code).sorted().toList());
    }
    return out;
  }

  /** The three checks of {@code r} that took longest, with their times. */
  private static String slowestChecks(Report r) {
    return r.results().stream().sorted((a, b) -> b.elapsed().compareTo(a.elapsed())).limit(3)
        .map(c -> String.format(Locale.ROOT, "%s %.2f s", c.id(), c.elapsed().toNanos() / 1e9)).toList().toString();
  }

  private static List<String> codes(Report r) {
    return r.findings().stream().map(Finding::code).distinct().sorted().toList();
  }

  /** The lines of {@code got} that differ from {@code expected}, with the summary of the check that differs. */
  private static String difference(List<String> expected, List<String> got) {
    List<String> diff = new ArrayList<>();
    for (int i = 0; i < Math.max(expected.size(), got.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "(none)";
      String g = i < got.size() ? got.get(i) : "(none)";
      if (!e.equals(g)) {
        diff.add("expected " + e + ", got " + g);
      }
    }
    return String.join("; ", diff);
  }

  /** Waits up to 15 s for xphone-diag's own threads (runners, probes, lab servers) to end. */
  private static void settle() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < until && ours().keySet().stream().anyMatch(n -> n.startsWith("xphone-diag-")
        || n.startsWith("fleet-") || n.startsWith("sip-responder") || n.startsWith("EventScanner"))) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Live threads not of a third-party idle pool, by name with digits as N. */
  private static Map<String, Integer> ours() {
    Map<String, Integer> m = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && THIRD_PARTY.stream().noneMatch(t.getName()::startsWith)) {
        m.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
      }
    }
    return m;
  }

  /** {@code total (ours, third-party)}. */
  private static String threads() {
    int all = Thread.getAllStackTraces().size();
    int ours = ours().values().stream().mapToInt(Integer::intValue).sum();
    return all + " (" + ours + " + " + (all - ours) + " third-party idle)";
  }

  private static long fds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
