package org.xphonediag.exporter;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xphonediag.core.Durations;
import org.xphonediag.exporter.internal.Answers;
import org.xphonediag.exporter.internal.ExporterMetrics;
import org.xphonediag.exporter.internal.ProbeHandler;
import org.xphonediag.exporter.internal.ProfileDirectory;

/**
 * A Prometheus exporter for deployments, in the style of blackbox_exporter's multi-target pattern:
 * {@code GET /probe?target=PROFILE&module=M} runs the {@link ProbeModule}'s checks of the doctor's
 * plan for the deployment profile {@code PROFILE.jsonc} (or {@code .json}) of the profile folder and
 * answers its metrics in the Prometheus text format, or OpenMetrics when Prometheus asks for it.
 * {@code /metrics} has the exporter's own metrics, {@code /-/healthy} answers 200.
 *
 * <ul>
 * <li>Deadline: Prometheus's {@code X-Prometheus-Scrape-Timeout-Seconds} less
 *     {@link Builder#timeoutOffset(Duration)} (0.5 s), at most {@link Builder#maxTimeout(Duration)}
 *     (60 s, also the deadline without the header).
 * <li>Concurrency: at most {@link Builder#maxConcurrentProbes(int)} (4) probes run at once. A probe
 *     beyond that waits for a slot at most {@link Builder#queueWait(Duration)} (2 s, never past its
 *     deadline; the wait counts against it), then gets {@code 503} with {@code Retry-After: 1}.
 *     Requests are handled by {@code 2 * maxConcurrent + 2} threads; at most 64 more wait for a
 *     thread, and a connection beyond that is closed unanswered. The JDK's server waits for a slow
 *     client's request without limit unless the JVM-wide {@code sun.net.httpserver.maxReqTime}
 *     (seconds) is set before the first server starts; {@code xphone-diag serve} sets it to 10.
 * <li>Profiles: read on first use and again when their file changes. Unknown target: 404; malformed
 *     target, unknown module, bad header: 400; a profile that cannot be used or a password variable
 *     that is not set: 500. Every error is one line of text; a value quoted from a broken profile is
 *     not shown, and no answer or label ever holds a password, token or secret.
 * </ul>
 *
 * <pre>{@code
 * try (Exporter exporter = Exporter.builder(Path.of("/etc/xphone-diag/profiles"))
 *     .listen(new InetSocketAddress("0.0.0.0", 9465)).start()) {
 *   exporter.awaitClosed();
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} stops the server and its threads and is idempotent.
 */
public final class Exporter implements AutoCloseable {
  /** The default port (like blackbox_exporter's 9115, not a registered one). */
  public static final int DEFAULT_PORT = 9465;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Exporter(Builder b) throws IOException {
    ProfileDirectory profiles = new ProfileDirectory(b.profiles);
    ExporterMetrics metrics = new ExporterMetrics(profiles::reads, b.maxConcurrent);
    int threads = 2 * b.maxConcurrent + 2;
    int n = INSTANCES.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
      Thread t = new Thread(r, "xphone-diag-exporter-" + n + "-http-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    server = HttpServer.create(b.listen, 64);
    server.setExecutor(executor);
    server.createContext("/probe", new ProbeHandler(profiles, new ProbeHandler.Settings(b.timeoutOffset,
        b.maxTimeout, b.maxConcurrent, b.queueWait, b.secrets, b.customizer), metrics));
    server.createContext("/metrics", ex -> {
      if (Answers.readOnly(ex)) {
        Answers.metrics(ex, metrics.scrape());
      }
    });
    server.createContext("/-/healthy", ex -> {
      if (Answers.readOnly(ex)) {
        Answers.text(ex, 200, "Healthy");
      }
    });
    server.createContext("/", ex -> {
      if (!Answers.readOnly(ex)) {
        return;
      }
      if (!ex.getRequestURI().getPath().equals("/")) {
        Answers.text(ex, 404, "xphone-diag exporter: no such page; try /probe?target=PROFILE&module=MODULE, "
            + "/metrics or /-/healthy");
        return;
      }
      Answers.text(ex, 200, "xphone-diag exporter\n\n/probe?target=PROFILE&module=MODULE  modules: "
          + ProbeModule.names() + "\n/metrics  the exporter's own metrics\n\nprofiles in " + profiles.dir() + ": "
          + String.join(", ", profiles.targets()));
    });
    server.start();
  }

  /** A builder serving the profiles of folder {@code profiles}. */
  public static Builder builder(Path profiles) {
    return new Builder(profiles);
  }

  /** The address the server listens on (the actual port when port 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** {@code http://HOST:PORT/}. */
  public URI url() {
    InetSocketAddress a = address();
    String host = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
        : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  /** Blocks until {@link #close()} was called. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Stops accepting, gives running answers up to a second, then stops every thread. Idempotent. */
  @Override
  public void close() {
    synchronized (closed) {
      if (closed.getCount() == 0) {
        return;
      }
      server.stop(1);
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closed.countDown();
    }
  }

  /** Options of an {@link Exporter}; not thread-safe. */
  public static final class Builder {
    private final Path profiles;
    private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
    private int maxConcurrent = 4;
    private Duration queueWait = Duration.ofSeconds(2);
    private Duration timeoutOffset = Duration.ofMillis(500);
    private Duration maxTimeout = Duration.ofSeconds(60);
    private SecretSource secrets = SecretSource.environment();
    private DoctorCustomizer customizer = DoctorCustomizer.none();

    private Builder(Path profiles) {
      this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /** Where to listen (default {@code 127.0.0.1:9465}; port 0 picks a free one). */
    public Builder listen(InetSocketAddress address) {
      this.listen = Objects.requireNonNull(address, "address");
      return this;
    }

    /** How many probes run at once at most (default 4). */
    public Builder maxConcurrentProbes(int n) {
      if (n < 1 || n > 256) {
        throw new IllegalArgumentException("maxConcurrentProbes must be 1..256 but was " + n);
      }
      this.maxConcurrent = n;
      return this;
    }

    /** How long a probe waits for a free slot before it gets 503 (default 2 s; zero answers 503 at once). */
    public Builder queueWait(Duration wait) {
      Objects.requireNonNull(wait, "queueWait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("queueWait must not be negative but was " + wait);
      }
      this.queueWait = wait;
      return this;
    }

    /** What is taken off Prometheus's scrape timeout for the answer's way back (default 0.5 s). */
    public Builder timeoutOffset(Duration offset) {
      Objects.requireNonNull(offset, "timeoutOffset");
      if (offset.isNegative()) {
        throw new IllegalArgumentException("timeoutOffset must not be negative but was " + offset);
      }
      this.timeoutOffset = offset;
      return this;
    }

    /** The longest probe deadline, also the deadline when the scrape timeout header is absent (default 60 s). */
    public Builder maxTimeout(Duration max) {
      this.maxTimeout = Durations.requirePositive(max, "maxTimeout");
      return this;
    }

    /** Where secrets named by profiles come from (default: the environment). */
    public Builder secrets(SecretSource secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** Adjusts each probe's doctor (default: nothing). */
    public Builder doctor(DoctorCustomizer customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the address cannot be bound or the profile folder is not a folder
     */
    public Exporter start() throws IOException {
      if (!Files.isDirectory(profiles)) {
        throw new IOException("the profile folder " + profiles + " is not a folder");
      }
      return new Exporter(this);
    }
  }
}
