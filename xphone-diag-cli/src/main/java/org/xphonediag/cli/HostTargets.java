package org.xphonediag.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;

/**
 * The CLI's rule for a target host given on the command line, the same in every command: a host
 * that is not a valid name or address is bad usage (exit 2); a valid name that does not resolve is
 * a FAIL of the check that needed it (exit 1), because DNS is part of the path being diagnosed (the
 * same name may resolve inside the company network and not outside: docs/field-guide.md#connection-test).
 */
final class HostTargets {
  private HostTargets() {}

  /** The host's first address; empty when the name does not resolve. */
  static Optional<InetAddress> resolve(String host) {
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The FAIL result of a media check whose target name does not resolve. */
  static CheckResult unresolvedMedia(CheckId id, String title, String host) {
    return CheckResult.builder(id).title(title).summary(host + " does not resolve")
        .finding(FindingCatalog.MEDIA_PORT_UNREACHABLE.finding("the host name " + host
            + " does not resolve (no A or AAAA record from here), so no binding request could be sent").build())
        .build();
  }
}
