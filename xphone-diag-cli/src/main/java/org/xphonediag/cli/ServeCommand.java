package org.xphonediag.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.exporter.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code xphone-diag serve}: the Prometheus exporter ({@link Exporter}) until the process is
 * stopped (SIGTERM, Ctrl-C). A thin shell: the options map to the exporter's builder.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve Prometheus metrics for deployments, in the style of blackbox_exporter: "
        + "GET /probe?target=PROFILE&module=webapi|tls|stun|turn|media|sip|doctor runs those checks of the "
        + "doctor for the profile PROFILE.jsonc (or .json) of --profiles; /metrics has the exporter's own metrics.",
        "Passwords come from the environment variables the profiles name (passwordEnv, turnPasswordEnv)."})
final class ServeCommand implements Callable<Integer> {
  private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

  @Option(names = "--profiles", required = true, paramLabel = "DIR",
      description = "The folder of deployment profiles; the file name is the target. Re-read when a file changes.")
  Path profiles;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where to listen (default: 127.0.0.1:9465; 0.0.0.0:9465 for a Prometheus on another host).")
  String listen = "127.0.0.1:" + Exporter.DEFAULT_PORT;

  @Option(names = "--max-concurrent", paramLabel = "N", description = "Probes running at once (default: 4).")
  int maxConcurrent = 4;

  @Option(names = "--queue-wait", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "How long a probe beyond --max-concurrent waits for a slot before it gets 503 (default: 2s).")
  Duration queueWait = Duration.ofSeconds(2);

  @Option(names = "--timeout-offset", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "Taken off Prometheus's scrape timeout for the probe's deadline (default: 500ms).")
  Duration timeoutOffset = Duration.ofMillis(500);

  @Option(names = "--max-timeout", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "The longest probe deadline, also the deadline without Prometheus's header (default: 60s).")
  Duration maxTimeout = Duration.ofSeconds(60);

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    InetSocketAddress address = listenAddress(listen);
    Exporter.Builder b;
    try {
      b = Exporter.builder(profiles).listen(address).maxConcurrentProbes(maxConcurrent).queueWait(queueWait)
          .timeoutOffset(timeoutOffset).maxTimeout(maxTimeout);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
    // The JDK's HTTP server waits forever for a slow client's request line and headers unless this
    // is set (seconds; read once per JVM, before the first server starts): a handful of such clients
    // would otherwise hold every handler thread.
    if (System.getProperty(MAX_REQUEST_TIME) == null) {
      System.setProperty(MAX_REQUEST_TIME, "10");
    }
    Exporter exporter;
    try {
      exporter = b.start();
    } catch (IOException e) {
      throw new UsageException("serve: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "xphone-diag-serve-shutdown"));
    spec.commandLine().getErr().println("xphone-diag serve: listening on " + exporter.url() + " (profiles from "
        + profiles.toAbsolutePath() + "); /probe?target=PROFILE&module=MODULE, /metrics");
    spec.commandLine().getErr().flush();
    try {
      exporter.awaitClosed();
    } catch (InterruptedException e) {
      exporter.close();
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** {@code HOST:PORT}, {@code [V6]:PORT} or {@code :PORT} (every interface); port 0 picks a free one. */
  static InetSocketAddress listenAddress(String text) {
    Matcher m = LISTEN.matcher(text.strip());
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      throw new UsageException("--listen " + text + ": expected HOST:PORT, [IPv6]:PORT or :PORT with a port 0..65535");
    }
    int port = Integer.parseInt(m.group(2));
    String host = m.group(1) == null ? "" : m.group(1).replaceAll("^\\[|\\]$", "");
    InetSocketAddress a = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new UsageException("--listen " + text + ": the host name " + host + " does not resolve");
    }
    return a;
  }

  private static final Pattern LISTEN = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+)?:(\\d{1,5})");
}
