package org.xphonediag.trace;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.IpAddress;

/**
 * An ACL line of a FreeSWITCH (XCC) log (docs/field-guide.md#failure-patterns): {@code verifying acl "L" for ip/port A:P} or
 * {@code IP A Rejected by acl "L"}.
 *
 * @param line 1-based line number in the log
 * @param time the line's local time stamp, when it has one
 * @param rejected true for a rejection, false for a verification
 * @param ip the address checked
 * @param port the port of a verification line (often 0), -1 for a rejection
 * @param acl the ACL (list) name
 */
public record AclLogLine(int line, Optional<LocalDateTime> time, boolean rejected, IpAddress ip, int port,
    String acl) {
  public AclLogLine {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(acl, "acl");
  }
}
