package org.xphonediag.cli;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.PortSweep;
import org.xphonediag.stun.UdpPortSweepCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
  int rate = UdpPortSweepCheck.DEFAULT_RATE;

  @Option(names = "--budget", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "Budget of the whole sweep, e.g. 5s or 1m (default: 5s).")
  Duration budget = UdpPortSweepCheck.DEFAULT_BUDGET;

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
          .data("ports", unprobed(h, from, to)).build();
    }
    InetAddress address = resolved.get();
    UdpPortSweepCheck sweep;
    try {
      UdpPortSweepCheck.Builder b = UdpPortSweepCheck.builder(address, from, to).rate(rate).budget(budget);
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
      Details data = report.outcome(sweep.id(), PortSweep.class).map(PortSweep::portsDetails).orElse(Details.empty());
      return report.toBuilder().data("ports", data).build();
    }
  }

  /** {@code data.ports} of a sweep that sent nothing: every port unprobed. */
  private static Details unprobed(String host, int from, int to) {
    List<Integer> all = IntStream.rangeClosed(from, to).boxed().toList();
    return new PortSweep(host, List.of(), List.of(), List.of(), List.of(), all, Map.of(), List.of(), 0, 0,
        Duration.ZERO).portsDetails();
  }
}
