package org.xphonediag.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.UdpPortSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code xphone-diag sweep HOST --ports A-B}: binding requests to a UDP port range (docs/field-guide.md#media). */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Probe a UDP port range (e.g. the XCC's media ports 30000-33000) with STUN binding requests, "
        + "paced, within one budget; report ports answered, rejected, silent and unreachable.")
final class SweepCommand extends ReportCommand {
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

  @Parameters(index = "0", paramLabel = "HOST", description = "The host (an IP address or a name).")
  String host;

  @Option(names = "--ports", required = true, paramLabel = "A-B", description = "Port range, e.g. 30000-33000.")
  String ports;

  @Option(names = "--ufrag", paramLabel = "U", description = "Remote ice-ufrag: send ICE checks instead of classic bindings.")
  String ufrag;

  @Option(names = "--pwd", paramLabel = "P", description = "Remote ice-pwd (with --ufrag).")
  String pwd;

  @Option(names = "--local-ufrag", paramLabel = "L", description = "Our ice-ufrag (with --ufrag; default xphonediag).")
  String localUfrag;

  @Option(names = "--rate", paramLabel = "N", description = "Packets per second cap (default: 2000).")
  int rate = UdpPortSweep.DEFAULT_RATE;

  @Option(names = "--budget", paramLabel = "D", converter = DurationConverter.class,
      description = "Budget of the whole sweep, e.g. 5s or 1m (default: 5s).")
  Duration budget = UdpPortSweep.DEFAULT_BUDGET;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    Matcher m = RANGE.matcher(ports.strip());
    if (!m.matches()) {
      throw new UsageException("sweep: --ports must be A-B (e.g. 30000-33000) but was '" + ports + "'");
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    if ((ufrag == null) != (pwd == null) || (localUfrag != null && ufrag == null)) {
      throw new UsageException("sweep: --ufrag and --pwd go together (and --local-ufrag needs them)");
    }
    String h = host.strip();
    try {
      HostAndPort hp = HostAndPort.parse(h, 1);
      if (!hp.host().equals(h) && !("[" + hp.host() + "]").equals(h)) {
        throw new UsageException("sweep: HOST takes no port (the ports go in --ports) but was '" + host + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("sweep: HOST must be an IP address or a host name but was '" + host + "'", e);
    }
    if (from < 1 || to > 65535 || from > to) {
      throw new UsageException("sweep: --ports must be A-B with 1 <= A <= B <= 65535 but was '" + ports + "'");
    }
    Optional<InetAddress> resolved = HostTargets.resolve(h);
    if (resolved.isEmpty()) {
      return Report.builder("sweep").result(HostTargets.unresolvedMedia(CheckCatalog.STUN_SWEEP,
          String.format(Locale.ROOT, "UDP sweep of %s ports %d-%d", h, from, to), h))
          .data("ports", unprobed(from, to)).build();
    }
    InetAddress address = resolved.get();
    UdpPortSweep sweep;
    try {
      UdpPortSweep.Builder b = UdpPortSweep.builder(address, from, to).rate(rate).budget(budget);
      if (ufrag != null) {
        b.ice(ufrag, Secret.of(pwd), localUfrag == null ? "xphonediag" : localUfrag);
      }
      sweep = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("sweep: " + e.getMessage(), e);
    }
    try (DiagRunner runner = DiagRunner.builder().listener(terminal.progress())
        .defaultBudget(budget.plusSeconds(1)).build()) {
      Report report = runChecks(runner, "sweep", List.of(sweep));
      Object data = report.result(sweep.id()).map(CheckResult::details).flatMap(d -> d.get("ports"))
          .orElse(org.xphonediag.core.Details.empty());
      return report.toBuilder().data("ports", data).build();
    }
  }

  /** {@code data.ports} of a sweep that sent nothing: every port unprobed. */
  private static org.xphonediag.core.Details unprobed(int from, int to) {
    List<Integer> all = java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    return org.xphonediag.core.Details.builder().put("answered", List.of()).put("rejected", List.of())
        .put("silent", List.of()).put("unreachable", List.of()).put("unprobed", all)
        .put("counts", org.xphonediag.core.Details.builder().put("answered", 0).put("rejected", 0).put("silent", 0)
            .put("unreachable", 0).put("unprobed", all.size()).put("total", all.size()).build())
        .build();
  }

  /** Reads {@code 5s}, {@code 1500ms}, {@code 2m} or ISO-8601 {@code PT5S}; positive, at most 1 h. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,7})(ms|s|m)");

    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Duration d;
      Matcher m = SIMPLE.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d = m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n)
            : Duration.ofMinutes(n);
      } else {
        try {
          d = Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
          throw new TypeConversionException("a duration like 5s, 1500ms, 2m or PT5S expected but was '" + value + "'");
        }
      }
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofHours(1)) > 0) {
        throw new TypeConversionException("a duration must be > 0 and <= 1h but was '" + value + "'");
      }
      return d;
    }
  }
}
