package org.xphonediag.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.xphonediag.core.Secret;
import org.xphonediag.exporter.Exporter;
import org.xphonediag.testkit.Lab;
import org.xphonediag.testkit.Scenario;
import org.xphonediag.testkit.stun.StunResponder;

/**
 * The exporter under load on loopback (not JMH): a healthy testkit lab and a STUN responder stand
 * in for a deployment; {@code /probe} requests for one module are sent by 1, 16 and 64 concurrent
 * clients (keep-alive, as Prometheus scrapes), each level's probes/s and p50/p99 latency printed;
 * then 10,000 probes at 16 at once with the heap after GC, the thread count and the open file
 * descriptors sampled every 1,000. Every answer must be 200 with {@code probe_success 1}. The load
 * generator runs in the exporter's JVM, so the memory figures include its HTTP client.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.xphonediag.benchmarks.ExporterLoad
 * [MODULE] [PROBES_PER_LEVEL] [MEMORY_PROBES]} (defaults: {@code tls 2000 10000}; {@code stun} is
 * the lighter module).
 */
public final class ExporterLoad {
  /** MockWebServer logs every TLS probe's connection (it makes no HTTP request) through java.util.logging. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("mockwebserver3");

  private ExporterLoad() {}

  public static void main(String[] args) throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.OFF);
    String module = args.length > 0 ? args[0] : "tls";
    int perLevel = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int memoryProbes = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    Path dir = Files.createTempDirectory("xphone-diag-exporter-load");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (Lab lab = Lab.start(Scenario.HEALTHY);
        StunResponder stun = StunResponder.builder().host(loopback)
            .reportedAddress(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 0)).start()) {
      Files.writeString(dir.resolve("site.json"), "{\"webApiUrl\": \"" + lab.webApiUrl() + "\", \"mobileUrl\": \""
          + lab.mobileUrl() + "\", \"user\": \"" + lab.user() + "\", \"passwordEnv\": \"LAB_PASSWORD\", "
          + "\"stunServers\": [\"127.0.0.1:" + stun.address().getPort() + "\"]}");
      try (Exporter exporter = Exporter.builder(dir).listen(new InetSocketAddress(loopback, 0))
          .maxConcurrentProbes(64).queueWait(Duration.ofSeconds(30))
          .secrets(name -> name.equals("LAB_PASSWORD") ? java.util.Optional.of(Secret.of(lab.password()))
              : java.util.Optional.empty())
          .doctor((target, profile, doctor) -> doctor.resolver(lab.resolver()).trust(lab.trust())).start()) {
        URI probe = exporter.url().resolve("/probe?target=site&module=" + module);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "load-client");
          t.setDaemon(true);
          return t;
        })).connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(Locale.ROOT, "module %s, %d cores, load average %s%n", module,
            Runtime.getRuntime().availableProcessors(), loadAverage());
        load(http, probe, 4, 200);
        System.out.println("concurrency  probes  probes/s  p50 ms  p99 ms  max ms");
        for (int c : new int[] {1, 16, 64}) {
          long[] lat = load(http, probe, c, perLevel);
          System.out.printf(Locale.ROOT, "%11d  %6d  %8.1f  %6.1f  %6.1f  %6.1f%n", c, perLevel,
              perLevel / (lat[lat.length - 1] / 1e9), pct(lat, 0.50), pct(lat, 0.99), lat[lat.length - 2] / 1e6);
        }
        System.out.println("memory: probes  heap after GC MB  threads  open fds");
        sample(0);
        for (int done = 0; done < memoryProbes; done += 1000) {
          load(http, probe, 16, Math.min(1000, memoryProbes - done));
          sample(done + 1000);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Sends {@code total} probes from {@code concurrency} clients; returns the sorted latencies in ns,
   * then the largest again and the wall time in the last two slots.
   */
  private static long[] load(HttpClient http, URI probe, int concurrency, int total) throws Exception {
    long[] lat = new long[total + 2];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger bad = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    long t0 = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      clients.execute(() -> {
        for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
          long s = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(probe)
                .header("X-Prometheus-Scrape-Timeout-Seconds", "10").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("probe_success 1.0")) {
              bad.incrementAndGet();
            }
          } catch (IOException e) {
            bad.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          lat[n] = System.nanoTime() - s;
        }
      });
    }
    clients.shutdown();
    if (!clients.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("load did not end");
    }
    long wall = System.nanoTime() - t0;
    if (bad.get() > 0) {
      throw new IllegalStateException(bad.get() + " of " + total + " probes were not 200 with probe_success 1");
    }
    Arrays.sort(lat, 0, total);
    lat[total] = lat[total - 1];
    lat[total + 1] = wall;
    return lat;
  }

  private static double pct(long[] sortedWithTail, double p) {
    int n = sortedWithTail.length - 2;
    return sortedWithTail[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e6;
  }

  private static void sample(int probes) throws IOException {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long fds;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      fds = s.count();
    }
    System.out.printf(Locale.ROOT, "memory: %6d  %16.1f  %7d  %8d%n", probes, heap / 1e6, threads, fds);
  }

  private static String loadAverage() {
    try {
      List<String> f = Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" "));
      return String.join(" ", f.subList(0, 3));
    } catch (IOException e) {
      return "unknown";
    }
  }
}
