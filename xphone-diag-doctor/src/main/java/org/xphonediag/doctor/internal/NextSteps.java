package org.xphonediag.doctor.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;

/**
 * The next step the guide would take after a run (docs/field-guide.md chapters 4-7): per finding code the step that
 * narrows the problem down further, in report order, each once; when nothing failed, what to do if
 * calls still fail.
 */
public final class NextSteps {
  private static final Map<String, String> BY_CODE = Map.ofEntries(
      Map.entry("webapi.unreachable", "Run the doctor once inside the company network and once from the internet and"
          + " compare both reports with `xphone-diag doctor --compare INSIDE.json OUTSIDE.json`: works inside and"
          + " fails outside means firewall, port forwarding or NAT (docs/field-guide.md#connection-test)."),
      Map.entry("webapi.url-not-configured", "Set both external URLs (Mobile and WebAPI) in the XPhone Server's"
          + " general settings and make them reachable from outside, then run the doctor again (docs/field-guide.md#ports-and-paths, #connection-test)."),
      Map.entry("webapi.auth-failed", "Check the user's credentials; with IIS in the DMZ run `xphone-diag config` on"
          + " web.config and appsettings.json and test TCP 2230/2231 from the IIS to the XPhone Server (docs/field-guide.md#connection-test)."),
      Map.entry("signalr.websocket-blocked", "Set \"SignalRLongPolling\": true in WebClientApi\\appsettings.json,"
          + " restart the IIS default web site and run the doctor again (docs/field-guide.md#appsettings-json, #proxies)."),
      Map.entry("signalr.failed", "Enable SignalR debug logging (Default, Microsoft.AspNetCore.SignalR and"
          + " Microsoft.AspNetCore.Http.Connections at Debug), reproduce, and read the IIS event log (docs/field-guide.md#appsettings-json)."),
      Map.entry("tls.chain-incomplete", "Install the intermediate certificate on the IIS or proxy and check again"
          + " with `xphone-diag tls HOST` (docs/field-guide.md#tls)."),
      Map.entry("tls.sub-subdomain-wildcard", "Serve the URLs from a host directly below the wildcard's domain or use"
          + " a certificate that names the host (docs/field-guide.md#tls)."),
      Map.entry("stun.unreachable", "Check the STUN server from the client network and from the XCC (admin STUN"
          + " test); without a public candidate calls from outside fail (docs/field-guide.md#media, #failure-patterns)."),
      Map.entry("acl.candidate-denied", "Change the XCC's candidate ACL so the public candidates phones offer are"
          + " allowed, then test a call from outside (docs/field-guide.md#xcc-acls, #failure-patterns)."),
      Map.entry("acl.server-not-whitelisted", "Whitelist the XPhone Server's address in the XCC's ACL and retest a"
          + " call: otherwise INVITEs get 403 (docs/field-guide.md#xcc-acls)."),
      Map.entry("media.port-silent", "Silence is inconclusive: capture on the XCC host (Ethernet plus loopback)"
          + " during a test call and run `xphone-diag trace`; check the WAN interface for UDP 30000-33000"
          + " (docs/field-guide.md#reading-a-trace, #failure-patterns)."),
      Map.entry("media.port-unreachable", "Check port forwarding and destination NAT to the XCC for UDP 30000-33000,"
          + " then capture during a test call (docs/field-guide.md#media, #failure-patterns)."),
      Map.entry("config.wcf-endpoint-localhost", "Fix web.config, restart the IIS default web site, and run the"
          + " connection test again (docs/field-guide.md#web-config)."),
      Map.entry("config.server-host-missing", "Fix appsettings.json, restart the IIS default web site, and run the"
          + " connection test again (docs/field-guide.md#appsettings-json)."));

  private NextSteps() {}

  /** The next steps for {@code report}. */
  public static List<String> of(Report report) {
    Set<String> steps = new LinkedHashSet<>();
    boolean failed = false;
    for (CheckResult r : report.results()) {
      failed |= r.status().isWorseThan(Status.WARN);
      for (Finding f : r.findings()) {
        String step = BY_CODE.get(f.code());
        if (step != null) {
          steps.add(step);
        }
      }
    }
    if (steps.isEmpty() && failed) {
      steps.add("Fix the FAIL findings in flowchart order (configuration, signalling, media) and run the doctor"
          + " again; if they are fixed and calls still fail, build a ticket with `xphone-diag ticket` (docs/field-guide.md#support-ticket).");
    }
    if (!failed) {
      steps.add("Signalling and media configuration look right. If calls still fail, capture on the XCC host"
          + " during a test call (Ethernet plus loopback) and run `xphone-diag trace` on it (docs/field-guide.md#reading-a-trace).");
    }
    return new ArrayList<>(steps);
  }
}
