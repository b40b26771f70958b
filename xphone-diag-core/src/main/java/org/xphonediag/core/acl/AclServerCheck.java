package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;

/**
 * The check {@code acl.server}: the XPhone Server's address (as entered at the SIP gateways), and
 * 127.0.0.1 for a local XCC with the loopback configuration, must be allowed by the XCC's inbound
 * chain (docs/field-guide.md#xcc-acls); otherwise its INVITEs get 403. Raises {@code acl.server-not-whitelisted} or
 * {@code acl.loopback-not-whitelisted}. Offline; immutable and thread-safe.
 */
public final class AclServerCheck implements Check {

  private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");

  private final AclConfig config;
  private final List<String> inboundLists;
  private final List<Cidr> localNetworks;
  private final IpAddress serverIp;
  private final boolean localXcc;

  /**
   * @param config the parsed file
   * @param inboundLists the profile's {@code apply-inbound-acl} list names, in order
   * @param localNetworks the XCC host's networks (for {@code localnet.auto}, {@code nat.auto})
   * @param serverIp the XPhone Server's address as entered at the SIP gateways
   * @param localXcc true when the XCC runs on the XPhone Server with the loopback configuration
   */
  public AclServerCheck(AclConfig config, List<String> inboundLists, List<Cidr> localNetworks, IpAddress serverIp,
      boolean localXcc) {
    this.config = Objects.requireNonNull(config, "config");
    this.inboundLists = List.copyOf(inboundLists);
    this.localNetworks = List.copyOf(localNetworks);
    this.serverIp = Objects.requireNonNull(serverIp, "serverIp");
    this.localXcc = localXcc;
  }

  /** An uncertain deny (a node with unknown or undefined addresses could allow) is a WARN, not a FAIL. */
  private static Finding withCertainty(Finding.Builder f, AclChainDecision d) {
    f.evidence("certain", d.certain());
    if (!d.certain()) {
      f.severity(org.xphonediag.core.Status.WARN);
    }
    return f.build();
  }

  @Override
  public CheckId id() {
    return CheckCatalog.ACL_SERVER;
  }

  @Override
  public String title() {
    return "XPhone Server allowed by the XCC's inbound ACL";
  }

  @Override
  public CheckResult run(CheckContext context) throws InterruptedException {
    context.checkCancelled();
    List<Finding> findings = new ArrayList<>();
    AclChain chain = AclChain.resolveLenient(config, inboundLists, localNetworks, findings);
    CheckResult.Builder b = CheckResult.builder(CheckCatalog.ACL_SERVER).title(title());
    AclChainDecision server = chain.inbound(serverIp);
    b.detail("serverIp", serverIp).detail("serverDecision", server.decision().written())
        .detail("serverList", server.list().orElse("")).detail("serverNode", server.nodeText());
    b.detail("serverCertain", server.certain());
    if (!server.allowed()) {
      boolean loop = serverIp.addressClass() == AddressClass.LOOPBACK;
      findings.add(withCertainty((loop ? FindingCatalog.ACL_LOOPBACK_NOT_WHITELISTED
          : FindingCatalog.ACL_SERVER_NOT_WHITELISTED)
          .finding(String.format(Locale.ROOT, "the XPhone Server's address %s must be allowed inbound but is "
              + "denied: %s", serverIp, server.explain()))
          .evidence("ip", serverIp).evidence("list", server.list().orElse(""))
          .evidence("node", server.nodeText()), server));
    }
    context.checkCancelled();
    if (localXcc && !LOOPBACK.equals(serverIp)) {
      AclChainDecision loop = chain.inbound(LOOPBACK);
      b.detail("loopbackDecision", loop.decision().written());
      if (!loop.allowed()) {
        findings.add(withCertainty(FindingCatalog.ACL_LOOPBACK_NOT_WHITELISTED.finding(String.format(Locale.ROOT,
                "127.0.0.1 must be allowed inbound for a local XCC with the loopback configuration but is denied: %s",
                loop.explain()))
            .evidence("ip", LOOPBACK).evidence("list", loop.list().orElse(""))
            .evidence("node", loop.nodeText()), loop));
      }
    }
    return b.findings(findings).summary(server.allowed()
        ? String.format(Locale.ROOT, "%s allowed by list '%s' (%s)", serverIp, server.list().orElse("-"),
            server.nodeText())
        : String.format(Locale.ROOT, "%s denied inbound", serverIp)).build();
  }
}
