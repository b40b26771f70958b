package org.xphonediag.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.IceAnswer;
import org.xphonediag.stun.IceBindingCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xphone-diag ice-probe HOST:PORT}: one ICE connectivity check to an XCC media port (docs/field-guide.md#media). */
@Command(name = "ice-probe", mixinStandardHelpOptions = true,
    description = "Send an ICE binding request (USERNAME, PRIORITY, ICE-CONTROLLING, MESSAGE-INTEGRITY, FINGERPRINT) "
        + "to a media port and report success, error or silence.")
final class IceProbeCommand extends ReportCommand {
  @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The media port, e.g. 203.0.113.5:30000.")
  String target;

  @Option(names = "--ufrag", required = true, paramLabel = "U", description = "The remote (XCC) ice-ufrag.")
  String ufrag;

  @Option(names = "--pwd", required = true, paramLabel = "P", description = "The remote (XCC) ice-pwd.")
  String pwd;

  @Option(names = "--local-ufrag", paramLabel = "L", description = "Our ice-ufrag (random by default).")
  String localUfrag;

  @Option(names = "--controlled", description = "Send ICE-CONTROLLED instead of ICE-CONTROLLING.")
  boolean controlled;

  @Option(names = "--budget", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "Budget of the probe, e.g. 5s (default: 5s).")
  Duration budget = IceBindingCheck.DEFAULT_BUDGET;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    HostAndPort hp = target(target);
    Optional<InetAddress> resolved = HostTargets.resolve(hp.host());
    if (resolved.isEmpty()) {
      return Report.builder("ice-probe").result(HostTargets.unresolvedMedia(CheckCatalog.STUN_ICE_PROBE,
          "ICE binding request to " + hp + "/udp", hp.host())).data("response", "none").build();
    }
    InetSocketAddress address = new InetSocketAddress(resolved.get(), hp.port());
    IceBindingCheck check;
    try {
      IceBindingCheck.Builder b = IceBindingCheck.builder(address).remoteUfrag(ufrag).remotePassword(Secret.of(pwd))
          .controlling(!controlled).budget(budget);
      if (localUfrag != null) {
        b.localUfrag(localUfrag);
      }
      check = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("ice-probe: " + e.getMessage(), e);
    }
    try (DiagRunner runner = DiagRunner.builder().listener(terminal.progress())
        .defaultBudget(budget.plusSeconds(1)).build()) {
      Report report = runChecks(runner, "ice-probe", List.of(check));
      Optional<IceAnswer> answer = report.outcome(check.id(), IceAnswer.class);
      Report.Builder out = report.toBuilder().data("response", answer.map(IceAnswer::response).orElse("none"));
      answer.flatMap(IceAnswer::mappedAddress).ifPresent(a -> out.data("mappedAddress", HostAndPort.of(a).toString()));
      answer.flatMap(IceAnswer::rttMs).ifPresent(ms -> out.data("rttMs", ms));
      answer.flatMap(IceAnswer::errorCode).ifPresent(c -> out.data("errorCode", c));
      return out.build();
    }
  }

  /** HOST:PORT with a required port; a malformed one is bad usage. */
  static HostAndPort target(String text) {
    try {
      return HostAndPort.parse(text, -1);
    } catch (IllegalArgumentException e) { // AddressFormatException, or no port given
      throw new UsageException("ice-probe: HOST:PORT with a port 1..65535 expected but was '" + text + "'", e);
    }
  }
}
