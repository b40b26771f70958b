package org.xphonediag.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xphonediag.core.Details;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Report;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.stun.StunBinding;
import org.xphonediag.stun.StunBindingCheck;
import org.xphonediag.stun.StunBindings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xphone-diag stun HOST[:PORT]...}: classic STUN binding to each server (docs/field-guide.md#media). */
@Command(name = "stun", mixinStandardHelpOptions = true,
    description = "Send classic STUN Binding requests to each server (every A/AAAA address) and report the "
        + "public (mapped) address, round-trip time and NAT behaviour.")
final class StunCommand extends ReportCommand {
  @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "STUN server (port 3478 by default).")
  List<String> servers;

  @Option(names = "--budget", paramLabel = "D", converter = Inputs.DurationConverter.class,
      description = "Budget of the whole check, e.g. 5s or 1500ms (default: 5s).")
  Duration budget = Duration.ofSeconds(5);

  @Option(names = "--tcp", description = "Use TCP instead of UDP (one request per connection).")
  boolean tcp;

  @Override
  protected Report produce(Terminal terminal) throws Exception {
    List<HostAndPort> parsed = new ArrayList<>();
    for (String s : servers) {
      try {
        parsed.add(HostAndPort.parse(s, StunBindingCheck.DEFAULT_PORT));
      } catch (AddressFormatException e) {
        throw new UsageException("stun: " + e.getMessage(), e);
      }
    }
    StunBindingCheck check = StunBindingCheck.builder(parsed).budget(budget).tcp(tcp).build();
    try (DiagRunner runner = DiagRunner.builder().listener(terminal.progress())
        .defaultBudget(budget.plusSeconds(1)).build()) {
      Report report = runChecks(runner, "stun", List.of(check));
      List<Details> servers = report.outcome(check.id(), StunBindings.class)
          .map(b -> b.bindings().stream().map(StunBinding::toDetails).toList()).orElse(List.of());
      return report.toBuilder().data("servers", servers).build();
    }
  }
}
