package org.xphonediag.doctor.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.stun.UdpPortSweepCheck;

/**
 * The check {@code media.ports}: binding requests to the XCC's media ports (docs/field-guide.md#ports-and-paths, #media) with one
 * overall budget. Silence is inconclusive (the XCC answers only for a live call) and reported as
 * such by the sweep; ICMP port unreachable is a FAIL. A host name is resolved first.
 */
public final class MediaPortsCheck implements Check {
  private final String host;
  private final PortRange ports;
  private final Duration budget;

  public MediaPortsCheck(String host, PortRange ports, Duration budget) {
    this.host = host;
    this.ports = ports;
    this.budget = budget;
  }

  @Override
  public CheckId id() {
    return CheckCatalog.MEDIA_PORTS;
  }

  @Override
  public String title() {
    return "XCC media ports " + ports + "/udp";
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(budget.plusSeconds(2));
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    InetAddress address;
    Optional<IpAddress> literal = IpAddress.tryParse(host);
    if (literal.isPresent()) {
      address = literal.get().toInetAddress();
    } else {
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        return CheckResult.builder(CheckCatalog.MEDIA_PORTS).title(title()).finding(FindingCatalog.MEDIA_PORT_UNREACHABLE
            .finding("the XCC's host name " + host + " does not resolve").build()).build();
      }
    }
    UdpPortSweepCheck sweep = UdpPortSweepCheck.builder(address, ports.first(), ports.last()).id(CheckCatalog.MEDIA_PORTS).budget(budget).build();
    CheckResult r = sweep.run(context);
    return r.toBuilder().title(title()).build();
  }
}
